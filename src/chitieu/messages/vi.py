"""Vietnamese texts (the only language shipped). Keys are stable; translators edit values only."""

MESSAGES: dict[str, str] = {
    # reading
    "read.not_found": "Không tìm thấy tệp {file}.",
    "read.empty": "Tệp {file} rỗng, không có nội dung để đọc.",
    "read.too_large": "Tệp {file} quá lớn ({size_mb} MB; giới hạn {limit_mb} MB).",
    "read.unsupported": "Tệp {file} có định dạng không được hỗ trợ ({detail}). "
                        "Chỉ đọc được .docx, .doc, .pdf, .txt, .md.",
    "read.corrupt": "Tệp {file} bị hỏng hoặc không đúng định dạng {format}: {detail}.",
    "read.zip_bomb": "Tệp {file} bị từ chối: nội dung giải nén quá lớn ({detail}), có thể là tệp độc hại.",
    "read.needs_ocr": "Tệp PDF {file} không có lớp văn bản (bản quét). Cần nhận dạng ký tự (OCR) trước khi đọc.",
    "read.no_converter": "Không đọc được tệp .doc {file}: máy chưa cài LibreOffice (lệnh soffice). "
                         "Hãy cài LibreOffice hoặc lưu tệp dưới dạng .docx.",
    "read.convert_failed": "LibreOffice không chuyển được tệp {file} sang .docx: {detail}.",
    "read.encoding": "Không nhận ra bảng mã của tệp {file}; tệp có thể không phải văn bản.",
    "read.is_directory": "{file} là thư mục, không phải tệp.",
    # command line
    "cli.failed_count": "Có {count} tệp không đọc được.",
    "cli.no_files": "Không có tệp nào để xử lý.",
    "cli.table.title": "Kết quả trích xuất: {file}",
    "cli.table.facts": "{count} số liệu, {tables} bảng, {findings} phát hiện",
    "cli.col.line": "Dòng",
    "cli.col.indicator": "Chỉ tiêu",
    "cli.col.role": "Loại",
    "cli.col.value": "Giá trị",
    "cli.col.unit": "ĐVT",
    "cli.col.pct": "% so với",
    "cli.col.period": "Kỳ",
    "cli.meta": "Đơn vị: {unit} ({level}), tỉnh {province}; loại: {kind}; kỳ báo cáo: {period}; "
                "kỳ kế hoạch: {plan}",
    "role.actual": "Thực hiện",
    "role.target": "Mục tiêu",
    "role.plan": "Kế hoạch",
    "role.baseline": "Gốc",
    "role.forecast": "Dự ước",
}
