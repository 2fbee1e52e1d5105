"""上传与管理: upload bulletins, check what was read, keep them; the library of stored months."""

import streamlit as st

from ui import access, cards, library, state, uploads

st.title("上传与管理")
st.caption(
    "上传每月的《政务服务热线工作通报》，检查解析结果后保存到通报库。"
    "支持 PDF（含扫描件）、Word（.docx）与文本（.txt / .md），可一次选择多个文件；"
    "拍照或扫描得到的页面图片（PNG / JPEG）一次选齐，按文件名顺序合为一份通报识别。"
)
stored = state.library()
if access.can_edit():
    files = st.file_uploader(
        "选择通报文件",
        type=uploads.FILE_TYPES,
        accept_multiple_files=True,
        key="upload-files",
        max_upload_size=uploads.MAX_UPLOAD_MB,
    )
    batch = uploads.parse_all(files)
    for index, upload in enumerate(batch):
        cards.result_card(index, upload, stored)
    cards.save_all_button(batch, stored)
else:
    access.viewer_note("上传、替换和删除通报")

st.header("通报库", divider="gray")
library.view(stored)
