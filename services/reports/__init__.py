"""Report renderings: the shared layout, fonts, the PDF form, the Excel workbook and item sheets."""
