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
    # audit findings
    "audit.status_wrong": "Dòng {tt} «{row}»: văn bản ghi «{declared}» nhưng theo số liệu {formula} = {computed}% "
                          "thì kết quả là {status}.",
    "audit.pct_wrong": "Dòng {tt} «{row}»: văn bản ghi «{declared}» nhưng {formula} = {computed}%.",
    "audit.ratio_pct": "Tỷ lệ {ratio} = {computed}% nhưng văn bản ghi {printed}%.",
    "audit.text_vs_table_value": "«{row}»: phần lời ghi {text_value} nhưng bảng ghi {table_value} {unit}.",
    "audit.text_vs_table_pct": "«{row}»: phần lời ghi đạt {text_pct}% nhưng theo bảng là {table_pct}%.",
    "audit.heading_no_parent": "Đề mục {label} «{title}» không có mục cha {expected}.",
    "audit.heading_repeat": "Số đề mục {label} bị dùng hai lần («{title}»).",
    "audit.heading_gap": "Số đề mục nhảy cóc: sau mục trước đó lẽ ra là {expected}, văn bản ghi {label} «{title}».",
    "audit.text_vs_table_target": "Mục tiêu «{row}» năm {year}: phần lời ghi {text_value} nhưng bảng ghi "
                                   "{table_value} {unit}.",
    "audit.text_vs_table_op": "Mục tiêu «{row}» năm {year}: phần lời ghi «{text_value}», bảng ghi «{table_value}» "
                               "(khác dấu so sánh).",
    "audit.text_vs_table_result_op": "«{row}»: phần lời ghi «{text_value}», bảng ghi «{table_value}» "
                                      "(khác dấu so sánh).",
    "audit.plan_pct": "{actual} / kế hoạch {plan} = {computed}% nhưng văn bản ghi {printed}%.",
    "audit.shares_sum": "Các tỷ lệ {parts} cộng lại được {total}%, không phải 100%.",
    "audit.roman_numeral": "Số La Mã «{numeral}» không hợp lệ trong «{phrase}».",
    "audit.document_date": "Văn bản {number}: phần lời ghi «{text_date}» nhưng biểu danh mục ghi «{table_date}».",
    "audit.document_count": "Phần lời nêu {text_count} văn bản nhưng biểu danh mục liệt kê {table_count} văn bản.",
    "audit.share_over_100": "«{row}»: tỷ lệ {value}% ở cột «{column}» vượt quá 100%.",
    "audit.numbering_repeat": "Số thứ tự {tt} («{row}») bị lặp lại.",
    "audit.numbering_gap": "Số thứ tự nhảy cóc: thiếu mục {expected} trước «{row}» ({tt}).",
    "audit.numbering_missing": "Chỉ tiêu «{row}» không có số thứ tự (lẽ ra là {expected}).",
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
    "status.vuot": "Vượt",
    "status.dat": "Đạt",
    "status.khong_dat": "Không đạt",
    "status.chua_danh_gia": "Chưa đánh giá",
}
