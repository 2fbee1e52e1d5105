"""The floor bench/pages_bench.py measures the app's pages against: a Streamlit page with a
title and a paragraph, served with the app's own settings."""

import streamlit as st

st.title("空白页")
st.write("只有一个标题和一段文字的页面，用作页面加载时间的基准。")
