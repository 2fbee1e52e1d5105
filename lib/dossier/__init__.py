"""单位档案: one unit's whole record — content (pure, over store frames), its tables, and its
Word and Excel renderings."""
