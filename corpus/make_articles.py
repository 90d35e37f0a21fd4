#!/usr/bin/env python3
"""Regenerates articles.jsonl from the texts below (not an indexer input).

The texts are written for this project. The deliberate Unicode forms
(NFD, composite, TCVN3 mojibake) are applied here, so that the source of
every article stays readable; README.md lists which id carries which form.
"""
import json
import subprocess
import sys
import unicodedata

TA = "phuongtanan.hoian.gov.vn"
MA = "phuongminhan.hoian.gov.vn"
CH = "xacamha.hoian.gov.vn"
HA = "hoian.gov.vn"

# (id, site, date, category, kind, lang, form, author, title, summary, body)
# form: "" plain NFC, "nfd", "composite", "tcvn3"
A = []


def art(id_, site, date, category, title, body, author=None, summary=None,
        kind="news", lang="vi", form="", path=None):
    A.append(dict(id=id_, site=site, date=date, category=category, kind=kind,
                  lang=lang, form=form, author=author, title=title,
                  summary=summary, body=body.strip(), path=path))


# ---------------------------------------------------------------- Xây dựng Đảng
art("tanan-2019-0412-phat-trien-dang-vien", TA, "2019-04-12", "Xây dựng Đảng",
    "Đảng ủy phường Tân An sơ kết công tác phát triển đảng viên quý I/2019",
    """
Chiều ngày 10/4/2019, Đảng ủy phường Tân An tổ chức hội nghị sơ kết công tác phát triển đảng viên quý I và triển khai nhiệm vụ quý II năm 2019. Dự hội nghị có các đồng chí trong Ban Chấp hành Đảng bộ, bí thư 14 chi bộ trực thuộc và đại diện UBMTTQ phường.
Theo báo cáo, trong quý I toàn Đảng bộ đã kết nạp 4 đảng viên mới, trong đó có 2 đoàn viên ưu tú là giáo viên trường THCS. Tuy vậy, một số chi bộ khối phố vẫn chưa tạo được nguồn, nhiều quần chúng ưu tú đi làm ăn xa nên việc bồi dưỡng gặp khó khăn.
Đồng chí Bí thư Đảng ủy phường đề nghị các chi bộ rà soát danh sách quần chúng, giao chỉ tiêu cụ thể cho từng đảng viên phụ trách, phối hợp chặt chẽ với Đoàn Thanh niên để giới thiệu đoàn viên ưu tú học lớp nhận thức về Đảng. Mục tiêu năm 2019 là kết nạp ít nhất 12 đảng viên mới.
""", author="Võ Văn Hòa")

art("tanan-2021-0615-ket-nap-dang-vien", TA, "2021-06-15", "Xây dựng Đảng",
    "Chi bộ khối phố Xuân Hòa kết nạp đảng viên mới",
    """
Tối ngày 12/6/2021, Chi bộ khối phố Xuân Hòa thuộc Đảng bộ phường Tân An long trọng tổ chức lễ kết nạp đảng viên mới cho quần chúng Nguyễn Thị Thu Hà, sinh năm 1995, hiện là cán bộ Hội Liên hiệp Phụ nữ phường.
Buổi lễ được tổ chức trang nghiêm theo đúng quy định của Điều lệ Đảng, có sự tham dự của đồng chí Phó Bí thư thường trực Đảng ủy phường. Thay mặt chi bộ, đồng chí bí thư chi bộ đã công bố quyết định kết nạp, trao quyết định và gắn huy hiệu cho đảng viên mới.
Phát biểu tại buổi lễ, đồng chí Phó Bí thư nhắc nhở đảng viên mới tiếp tục rèn luyện, học tập, giữ gìn phẩm chất, gương mẫu trong công tác và nơi cư trú; đồng thời đề nghị chi bộ phân công đảng viên chính thức giúp đỡ đảng viên dự bị trong thời gian 12 tháng. Đây là đảng viên thứ ba được kết nạp tại khu dân cư Xuân Hòa kể từ đầu nhiệm kỳ, góp phần trẻ hóa đội ngũ đảng viên của chi bộ.
""", author="Lê Thụy")

art("minhan-2023-0321-dang-vien", MA, "2023-03-21", "Xây dựng Đảng",
    "Hội nghị chuyên đề về phát triển đảng viên trong khu dân cư",
    """
Sáng ngày 21/03/2023, Đảng ủy phường Minh An tổ chức hội nghị chuyên đề về công tác phát triển đảng viên trong khu dân cư giai đoạn 2020 - 2023. Tham dự có đại diện Ban Tổ chức Thành ủy Hội An, các đồng chí bí thư chi bộ, trưởng khối phố và trưởng ban công tác Mặt trận.
Báo cáo tại hội nghị cho thấy, từ năm 2020 đến nay Đảng bộ đã kết nạp 19 đảng viên mới, nhưng chỉ có 5 người ở chi bộ khu dân cư; phần lớn quần chúng ưu tú là thanh niên đang làm việc tại TP.HCM, Đà Nẵng hoặc kinh doanh du lịch trong phố cổ nên khó sắp xếp thời gian học tập, sinh hoạt.
Các tham luận đề xuất nhiều cách làm hay: lập sổ theo dõi nguồn kết nạp ở từng khối phố, giao đảng viên cao tuổi kèm cặp thanh niên, phối hợp với các doanh nghiệp du lịch để tạo điều kiện cho người lao động tham gia lớp bồi dưỡng. Kết luận hội nghị, đồng chí Bí thư Đảng ủy yêu cầu mỗi chi bộ khu dân cư phấn đấu kết nạp ít nhất 1 đảng viên trong năm 2023.
""", author="Phan Thị Ngọc", form="nfd")

art("camha-2024-1105-dai-hoi-chi-bo", CH, "2024-11-05", "Xây dựng Đảng",
    "Chi bộ thôn Trảng Kèo tổ chức thành công đại hội điểm nhiệm kỳ 2025 - 2027",
    """
Ngày 02/11/2024, Chi bộ thôn Trảng Kèo, Đảng bộ xã Cẩm Hà tổ chức đại hội điểm nhiệm kỳ 2025 - 2027. Đại hội có 38 đảng viên tham dự trên tổng số 41 đảng viên của chi bộ.
Nhiệm kỳ qua, chi bộ đã lãnh đạo nhân dân chuyển đổi cơ cấu cây trồng, phát triển rau sạch và dịch vụ homestay; thu nhập bình quân đầu người đạt 68 triệu đồng/năm. Công tác phát triển đảng viên đạt chỉ tiêu với 3 đảng viên mới được kết nạp.
Hiện nay, thôn đang triển khai dự án đường liên thôn và đang vận động các hộ hiến đất làm đường; các hình thức vận động được thực hiện đa dạng, từ họp dân đến gặp gỡ từng hộ. Đại hội đã bầu Ban Chi ủy gồm 3 đồng chí, bầu chi bộ trưởng và thông qua nghị quyết với 6 chỉ tiêu chủ yếu. Kinh nghiệm từ đại hội điểm sẽ được Đảng ủy xã rút ra để chỉ đạo các chi bộ còn lại.
""", author="Trương Công Thành")

art("tanan-2025-0203-huy-hieu-dang", TA, "2025-02-03", "Xây dựng Đảng",
    "Ðảng ủy phường Tân An trao Huy hiệu Ðảng nhân kỷ niệm 95 năm Ngày thành lập Ðảng",
    """
Nhân dịp kỷ niệm 95 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2025), sáng ngày 03/02/2025, Đảng ủy phường Tân An tổ chức lễ trao Huy hiệu Đảng cho 11 đảng viên, gồm 2 Huy hiệu 60 năm, 3 Huy hiệu 50 năm, 4 Huy hiệu 40 năm và 2 Huy hiệu 30 năm tuổi Đảng.
Đồng chí Bí thư Đảng ủy phường chúc mừng các đảng viên được nhận huy hiệu, ghi nhận những đóng góp của các đồng chí qua các thời kỳ kháng chiến, xây dựng và bảo vệ Tổ quốc. Thay mặt các đảng viên, đồng chí Nguyễn Văn Thụy, 60 năm tuổi Đảng, bày tỏ niềm tự hào và hứa tiếp tục giữ gìn phẩm chất, tham gia sinh hoạt chi bộ đều đặn, giáo dục con cháu sống có ích.
Dịp này, Đảng ủy cũng biểu dương 3 chi bộ làm tốt công tác phát triển đảng viên năm 2024.
""", author="Ban Tuyên giáo Đảng ủy")

art("minhan-2026-0110-phat-trien-dang-vien-2026", MA, "2026-01-10", "Xây dựng Đảng",
    "Đảng ủy phường Minh An giao chỉ tiêu phát triển đảng viên năm 2026",
    """
Ngày 08/01/2026, Đảng ủy phường Minh An tổ chức hội nghị tổng kết công tác xây dựng Đảng năm 2025 và giao chỉ tiêu năm 2026. Năm 2025, Đảng bộ kết nạp 14 đảng viên mới, vượt 16% chỉ tiêu; 100% chi bộ được xếp loại hoàn thành tốt nhiệm vụ trở lên.
Năm 2026, Đảng ủy đặt mục tiêu phát triển đảng viên ít nhất 15 đồng chí, trong đó chú trọng đoàn viên ưu tú trong trường THPT, lực lượng dân quân và người lao động ở các cơ sở kinh doanh trong khu phố cổ. Đảng ủy cũng yêu cầu chi bộ nâng cao chất lượng sinh hoạt chuyên đề, ứng dụng sổ tay đảng viên điện tử và thực hiện nghiêm việc thu, nộp đảng phí theo quy định.
""", author="Văn phòng Đảng ủy")

# ---------------------------------------------------------------- GPMB
art("tanan-2019-0820-gpmb-duong-hung-vuong", TA, "2019-08-20", "Kinh tế",
    "Đẩy nhanh tiến độ giải phóng mặt bằng tuyến đường Hùng Vương nối dài",
    """
Theo Ban Quản lý dự án đầu tư xây dựng thành phố Hội An, đến ngày 15/08/2019 dự án đường Hùng Vương nối dài đoạn qua phường Tân An đã hoàn thành công tác giải phóng mặt bằng đối với 46/58 hộ bị ảnh hưởng, với tổng diện tích thu hồi khoảng 3,5 ha.
Tổng kinh phí bồi thường, hỗ trợ đã chi trả là 18.650.000.000 đồng; hộ nhận cao nhất là 1.234.567.000 đồng. Hiện còn 12 hộ chưa nhận tiền do chưa thống nhất đơn giá bồi thường đất ở và vật kiến trúc.
Ủy ban nhân dân phường Tân An đã phối hợp với Hội đồng bồi thường, hỗ trợ và tái định cư thành phố tổ chức đối thoại, giải thích chính sách theo Nghị định số 47/2014/NĐ-CP và các quyết định của UBND tỉnh Quảng Nam. Phường phấn đấu bàn giao toàn bộ mặt bằng cho đơn vị thi công trước ngày 30/9/2019.
""", author="Nguyễn Hữu Phước")

art("camha-2020-0612-gpmb-khu-tai-dinh-cu", CH, "2020-06-12", "Kinh tế",
    "Xã Cẩm Hà họp dân về phương án bồi thường khu tái định cư Trảng Kèo",
    """
Ngày 10/6/2020, UBND xã Cẩm Hà phối hợp với Trung tâm Phát triển quỹ đất thành phố tổ chức họp dân lấy ý kiến về dự thảo phương án bồi thường, hỗ trợ và tái định cư dự án Khu tái định cư Trảng Kèo.
Dự án có diện tích 7,2 ha, ảnh hưởng đến 83 hộ dân, chủ yếu là đất trồng lúa và đất trồng cây hằng năm. Đơn giá bồi thường đất nông nghiệp áp dụng theo bảng giá đất của UBND tỉnh; ngoài ra người dân được hỗ trợ chuyển đổi nghề nghiệp bằng 3 lần giá đất nông nghiệp cùng loại.
Nhiều ý kiến đề nghị ưu tiên bố trí lô tái định cư tại chỗ và công khai danh sách bốc thăm. Đại diện UBND xã ghi nhận, hứa tổng hợp trình Hội đồng GPMB thành phố xem xét trước khi phê duyệt phương án chính thức.
""", author="Huỳnh Thị Thanh Hoà")

art("camha-2022-0307-chi-tra-boi-thuong", CH, "2022-03-07", "Kinh tế",
    "Chi trả hơn 24 tỷ đồng bồi thường cho các hộ dân dự án đường ven biển",
    """
Từ ngày 01/03/2022 đến ngày 05/03/2022, Hội đồng bồi thường, hỗ trợ và tái định cư thành phố phối hợp với UBND xã Cẩm Hà chi trả tiền bồi thường cho 61 hộ dân bị ảnh hưởng bởi dự án đường ven biển đoạn qua thôn Thanh Tam Tây, với tổng số tiền 24.318.450.000 đồng.
Theo phương án được phê duyệt tại Quyết định số 512/QĐ-UBND ngày 18/02/2022 của UBND thành phố, diện tích đất thu hồi là 3,5 ha đất nông nghiệp và 0,42 ha đất ở. Các hộ có đất ở bị thu hồi hết được bố trí tái định cư tại khu Trảng Kèo.
Bà Trần Thị Hoà, một hộ dân nhận tiền, chia sẻ gia đình đồng tình vì phương án được công khai, giá bồi thường hợp lý. Đến nay, mặt bằng dự án đã đạt hơn 90%, đáp ứng tiến độ thi công của nhà thầu.
""", author="Nguyễn Công Lực")

art("tanan-2024-0918-gpmb-nghi-dinh-88", TA, "2024-09-18", "Kinh tế",
    "Triển khai Nghị định 88/2024/NĐ-CP về bồi thường, hỗ trợ, tái định cư",
    """
Chiều ngày 16/9/2024, UBND phường Tân An tổ chức hội nghị phổ biến Luật Đất đai năm 2024 và Nghị định số 88/2024/NĐ-CP ngày 15/7/2024 của Chính phủ quy định về bồi thường, hỗ trợ, tái định cư khi Nhà nước thu hồi đất cho cán bộ, công chức, trưởng khối phố và bí thư chi bộ.
Báo cáo viên đã giới thiệu những điểm mới như bồi thường bằng đất khác mục đích sử dụng, bằng nhà ở; điều kiện được bồi thường về đất; chính sách hỗ trợ ổn định đời sống và đào tạo, chuyển đổi nghề.
Hiện trên địa bàn phường có 2 dự án đang thực hiện GPMB với 37 hộ bị ảnh hưởng. UBND phường yêu cầu các khối phố tuyên truyền để người dân hiểu rõ quyền lợi, tránh khiếu nại kéo dài, góp phần đẩy nhanh tiến độ các công trình trọng điểm của thành phố.
""", author="Trần Minh Tâm")

# ---------------------------------------------------------------- Y tế
art("tanan-2019-1108-sot-xuat-huyet", TA, "2019-11-08", "Y tế",
    "Phường Tân An ra quân diệt lăng quăng phòng chống sốt xuất huyết",
    """
Sáng ngày 06/11/2019, Trạm Y tế phường Tân An phối hợp với các đoàn thể tổ chức chiến dịch diệt lăng quăng, bọ gậy tại 8 khối phố. Từ đầu năm đến nay, phường ghi nhận 27 ca mắc sốt xuất huyết, tăng 9 ca so với cùng kỳ năm 2018, tập trung ở khối phố Xuân Hòa và An Bàng.
Các tổ xung kích đã đến từng hộ gia đình hướng dẫn đậy kín dụng cụ chứa nước, thu gom vật phế thải, thả cá vào bể nước lớn. Trạm Y tế khuyến cáo khi có biểu hiện sốt cao đột ngột, đau đầu, xuất huyết dưới da, người dân cần đến cơ sở y tế để được khám và theo dõi, không tự ý truyền dịch tại nhà.
Chăm sóc sức khỏe cộng đồng là trách nhiệm của mỗi gia đình; mỗi người hãy dành 10 phút mỗi tuần để diệt lăng quăng, bảo vệ sức khỏe cho bản thân và hàng xóm.
""", author="Trạm Y tế phường")

art("minhan-2020-0925-tiem-chung-soi-rubella", MA, "2020-09-25", "Y tế",
    "Tiêm chủng bổ sung vắc xin sởi - rubella cho trẻ em",
    """
Thực hiện kế hoạch của Trung tâm Y tế thành phố, từ ngày 21/9/2020 đến 30/9/2020, Trạm Y tế phường Minh An tổ chức tiêm chủng bổ sung vắc xin sởi - rubella cho 312 trẻ từ 1 đến 5 tuổi chưa tiêm đủ mũi.
Buổi tiêm được tổ chức tại hội trường khối phố An Hội, bảo đảm giãn cách và khám sàng lọc trước tiêm. Sau tiêm, trẻ được theo dõi 30 phút tại điểm tiêm và 24 giờ tại nhà. Đến nay chưa ghi nhận trường hợp phản ứng nặng nào.
Trạm Y tế đề nghị các gia đình mang theo sổ tiêm chủng, thông báo tình trạng sức khoẻ của trẻ cho nhân viên y tế và đưa trẻ đi tiêm đúng lịch. Tiêm chủng đầy đủ là cách hiệu quả nhất giúp trẻ khoẻ mạnh và phòng bệnh truyền nhiễm.
""", author="Đặng Thị Thuỷ")

art("camha-2021-0805-tiem-vac-xin-covid", CH, "2021-08-05", "Y tế",
    "Xã Cẩm Hà hoàn thành tiêm vắc xin phòng COVID-19 đợt 3",
    """
Trong hai ngày 03 và 04/8/2021, Trạm Y tế xã Cẩm Hà phối hợp với Trung tâm Y tế thành phố tổ chức tiêm vắc xin phòng COVID-19 đợt 3 cho 1.150 người thuộc nhóm ưu tiên, gồm lực lượng tuyến đầu, người lao động trong các cơ sở lưu trú du lịch, người từ 65 tuổi trở lên và người có bệnh nền.
Điểm tiêm tại trường THCS Nguyễn Bỉnh Khiêm được bố trí theo quy trình một chiều, có bàn khai báo y tế, khám sàng lọc và khu theo dõi sau tiêm. Ban Chỉ đạo phòng chống dịch của xã huy động đoàn viên thanh niên hỗ trợ nhập dữ liệu vào hệ thống quản lý tiêm chủng.
UBND xã đề nghị người dân tiếp tục thực hiện thông điệp 5K và khai báo y tế khi từ TP.HCM và các tỉnh có dịch trở về địa phương.
""", author="Nguyễn Thị Mỹ")

art("tanan-2022-0601-bhyt-hoc-sinh", TA, "2022-06-01", "Y tế",
    "Vận động học sinh tham gia bảo hiểm y tế năm học 2022 - 2023",
    """
Ngày 30/5/2022, UBND phường Tân An phối hợp với BHXH thành phố Hội An và các trường học trên địa bàn tổ chức hội nghị triển khai công tác BHYT học sinh năm học 2022 - 2023.
Năm học 2021 - 2022, tỷ lệ học sinh tham gia BHYT của phường đạt 96,8%, trong đó trường THCS đạt 98,2%. Mức đóng BHYT học sinh năm 2022 là 563.220 đồng/em/năm, ngân sách nhà nước hỗ trợ 30%, học sinh thuộc hộ cận nghèo được hỗ trợ 70%.
Hội nghị đề nghị nhà trường phối hợp với cha mẹ học sinh tuyên truyền quyền lợi khi tham gia BHYT; Hội Khuyến học và MTTQ phường vận động nguồn lực mua thẻ BHYT tặng học sinh có hoàn cảnh khó khăn. Phấn đấu năm học mới có 100% học sinh tham gia BHYT.
""", author="Lê Văn Bảo", form="nfd")

art("camthanh-2023-0710-phun-hoa-chat", HA, "2023-07-10", "Y tế",
    "Cẩm Thanh phun hóa chất diệt muỗi tại ổ dịch sốt xuất huyết",
    """
Ngày 08/7/2023, Trung tâm Y tế thành phố Hội An phối hợp với Trạm Y tế xã Cẩm Thanh tổ chức phun hóa chất diệt muỗi tại thôn Thanh Tam, nơi ghi nhận 4 ca sốt xuất huyết trong vòng 14 ngày.
Đội phun đã xử lý 215 hộ gia đình trong bán kính 200 m quanh các ca bệnh; trước khi phun, cán bộ y tế hướng dẫn người dân che đậy thức ăn, nước uống và cho trẻ nhỏ ra khỏi nhà. Song song, lực lượng thanh niên và hội viên Hội Phụ nữ thu gom gần 2 tấn vật dụng phế thải có thể chứa nước đọng.
Ngành y tế khuyến cáo người dân không chủ quan, giữ gìn sức khỏe, ngủ màn kể cả ban ngày và phối hợp diệt lăng quăng hằng tuần. Việc phun hóa chất chỉ diệt muỗi trưởng thành, không thay thế được việc loại bỏ nơi sinh sản của muỗi.
""", author="Hồ Thị Hóa")

art("minhan-2025-0420-bhyt-ho-gia-dinh", MA, "2025-04-20", "Y tế",
    "Phường Minh An nâng tỷ lệ bao phủ bảo hiểm y tế lên 95,6%",
    """
Theo báo cáo của UBND phường Minh An, đến ngày 15/4/2025 tỷ lệ dân số tham gia BHYT trên địa bàn đạt 95,6%, tăng 1,4% so với cuối năm 2024. Số người tham gia BHXH tự nguyện đạt 286 người, phần lớn là tiểu thương chợ Hội An và người kinh doanh dịch vụ du lịch.
Để đạt kết quả này, phường đã thành lập tổ vận động ở từng khối phố, phối hợp với Bưu điện và đại lý thu BHXH tổ chức các buổi đối thoại trực tiếp với người dân. Nhiều người cho biết nhờ có thẻ BHYT mà chi phí điều trị bệnh mãn tính giảm đáng kể, sức khoẻ được theo dõi thường xuyên.
Thời gian tới, phường tiếp tục vận động các hộ gia đình tham gia BHYT theo hộ, được giảm trừ mức đóng từ người thứ hai, góp phần chăm lo sức khoẻ cho nhân dân.
""", author="Ngô Thị Thuỵ")

art("minhan-2026-0305-tiem-chung-mo-rong", MA, "2026-03-05", "Y tế",
    "Tiêm chủng mở rộng tháng 3/2026: bổ sung mũi vắc xin cho trẻ dưới 5 tuổi",
    """
Ngày 05/3/2026, Trạm Y tế phường Minh An thông báo lịch tiêm chủng mở rộng tháng 3/2026. Buổi tiêm được tổ chức vào các ngày 10 và 11/3/2026 tại trạm, gồm các vắc xin viêm gan B, bạch hầu - ho gà - uốn ván, bại liệt và sởi.
Năm 2025, tỷ lệ trẻ dưới 1 tuổi được tiêm chủng đầy đủ của phường đạt 97,3%. Trạm Y tế đã chuyển sang quản lý tiêm chủng điện tử, cha mẹ có thể tra cứu lịch sử tiêm của con trên ứng dụng VNeID và nhận tin nhắn nhắc lịch.
Phụ huynh lưu ý mang theo sổ tiêm chủng hoặc mã định danh của trẻ; trẻ đang sốt, mắc bệnh cấp tính sẽ được hẹn tiêm lại. Mọi thắc mắc liên hệ Trạm Y tế phường trong giờ hành chính.
""", author="Trạm Y tế phường")

# ---------------------------------------------------------------- Giáo dục
art("tanan-2019-0905-khai-giang-thcs", TA, "2019-09-05", "Giáo dục",
    "Trường THCS Nguyễn Duy Hiệu khai giảng năm học 2019 - 2020",
    """
Sáng ngày 05/9/2019, Trường THCS Nguyễn Duy Hiệu, phường Tân An tổ chức lễ khai giảng năm học mới 2019 - 2020. Năm học này trường có 24 lớp với 936 học sinh, trong đó có 238 em học sinh lớp 6.
Năm học 2018 - 2019, nhà trường có 32 học sinh đạt giải học sinh giỏi cấp thành phố, 9 em đạt giải cấp tỉnh; tỷ lệ học sinh lên lớp đạt 99,4%; 100% học sinh lớp 9 được công nhận tốt nghiệp THCS.
Tại buổi lễ, đại diện HĐND và UBND phường trao 15 suất học bổng cho học sinh nghèo vượt khó, mỗi suất trị giá 1.000.000 đồng. Hồi trống khai trường vang lên, mở đầu cho một năm học với nhiều kỳ vọng về đổi mới phương pháp dạy học và giáo dục kỹ năng sống cho học sinh.
""", author="Phạm Thị Lan", form="composite")

art("minhan-2022-0905-khai-giang-thpt", MA, "2022-09-05", "Giáo dục",
    "Trường THPT Trần Quý Cáp đón hơn 400 học sinh lớp 10 trong ngày khai giảng",
    """
Ngày 05/9/2022, Trường THPT Trần Quý Cáp tổ chức lễ khai giảng năm học 2022 - 2023, năm học đầu tiên triển khai chương trình giáo dục phổ thông 2018 ở lớp 10. Trường đón 432 học sinh lớp 10, được xếp vào 11 lớp theo các tổ hợp môn lựa chọn.
Thầy Hiệu trưởng cho biết nhà trường đã chuẩn bị đủ giáo viên, sách giáo khoa và phòng học bộ môn; tổ chức tư vấn cho học sinh, phụ huynh chọn tổ hợp môn phù hợp với năng lực và định hướng nghề nghiệp.
Dịp này, Hội Khuyến học phường Minh An và các doanh nghiệp trên địa bàn trao 20 suất học bổng cho học sinh có hoàn cảnh khó khăn. UBND phường cam kết phối hợp với nhà trường bảo đảm an ninh trật tự, an toàn giao thông khu vực cổng trường.
""", author="Trần Thị Kim Hoa")

art("camha-2023-0530-tong-ket-nam-hoc", CH, "2023-05-30", "Giáo dục",
    "Trường THCS Nguyễn Bỉnh Khiêm tổng kết năm học 2022 - 2023",
    """
Ngày 27/5/2023, Trường THCS Nguyễn Bỉnh Khiêm, xã Cẩm Hà tổ chức lễ tổng kết năm học 2022 - 2023 và tri ân học sinh lớp 9. Năm học qua, trường có 612 học sinh, tỷ lệ học sinh khá, giỏi đạt 71,5%; có 14 học sinh đạt giải học sinh giỏi cấp thành phố.
Nhà trường đã đưa vào sử dụng phòng tin học mới với 35 máy tính do một doanh nghiệp tại TP.HCM tài trợ, đẩy mạnh chuyển đổi số trong quản lý và dạy học. Hoạt động trải nghiệm được tổ chức đa dạng: tham quan làng rau Trà Quế, tìm hiểu nghề truyền thống và thực hành bảo vệ môi trường biển.
UBND xã khen thưởng 5 giáo viên và 20 học sinh có thành tích xuất sắc, đồng thời nhắc nhở phụ huynh quản lý con em trong dịp hè, phòng tránh đuối nước.
""", author="Lê Thị Hồng")

art("tanan-2024-0906-khai-giang-2024", TA, "2024-09-06", "Giáo dục",
    "Các trường học phường Tân An rộn ràng khai giảng năm học 2024 - 2025",
    """
Sáng ngày 05/9/2024, 4 trường học trên địa bàn phường Tân An gồm 2 trường mầm non, 1 trường tiểu học và Trường THCS Nguyễn Duy Hiệu đồng loạt tổ chức lễ khai giảng năm học 2024 - 2025, với tổng số 2.480 học sinh.
Các đồng chí lãnh đạo Đảng uỷ, HĐND, UBND và UBMTTQ phường chia thành các đoàn dự lễ, tặng quà và học bổng cho học sinh. Năm nay, Trường THCS Nguyễn Duy Hiệu đón 252 học sinh lớp 6 và tiếp tục thực hiện dạy học 2 buổi/ngày.
Phát biểu tại buổi lễ, đại diện UBND phường đề nghị các nhà trường nâng cao chất lượng giáo dục toàn diện, chú trọng giáo dục đạo đức, kỹ năng và ngoại ngữ, phát huy lợi thế của một đô thị du lịch văn hoá.
""", author="Phạm Thị Lan")

art("camha-2025-0815-tuyen-sinh-lop-10", CH, "2025-08-15", "Giáo dục",
    "Thông tin tuyển sinh vào lớp 10 THPT năm học 2025 - 2026",
    """
Theo kế hoạch của Sở Giáo dục và Đào tạo, kỳ thi tuyển sinh vào lớp 10 THPT năm học 2025 - 2026 đã kết thúc; điểm chuẩn vào các trường THPT công lập trên địa bàn thành phố được công bố ngày 12/7/2025.
Xã Cẩm Hà có 168 học sinh tốt nghiệp THCS, trong đó 134 em trúng tuyển vào các trường THPT công lập, đạt 79,8%; số còn lại đăng ký học tại trung tâm giáo dục nghề nghiệp - giáo dục thường xuyên và các trường nghề. Học sinh trúng tuyển làm thủ tục nhập học trực tuyến từ ngày 18/7/2025.
UBND xã đề nghị phụ huynh theo dõi thông báo của nhà trường, tham gia BHYT cho học sinh ngay khi nhập học và chăm lo sức khỏe, tinh thần cho các em trước năm học mới.
""", author="Văn phòng UBND xã")

# ---------------------------------------------------------------- Văn hoá - Du lịch
art("minhan-2019-0219-dem-ram-thang-gieng", MA, "2019-02-19", "Văn hoá - Du lịch",
    "Đêm phố cổ rằm tháng Giêng: hàng nghìn đèn lồng thắp sáng sông Hoài",
    """
Tối ngày 19/02/2019 (rằm tháng Giêng năm Kỷ Hợi), khu phố cổ Hội An tổ chức đêm phố cổ với chủ đề "Nguyên tiêu phố Hội". Các tuyến phố Nguyễn Thái Học, Bạch Đằng, Trần Phú tắt đèn điện, chỉ thắp sáng bằng đèn lồng, tạo nên không gian văn hóa truyền thống đặc sắc.
Nhiều hoạt động được tổ chức như hát bài chòi, trò chơi dân gian, thả hoa đăng trên sông Hoài và lễ cúng rằm tại các hội quán. Theo Trung tâm Văn hóa - Thể thao thành phố, đêm hội thu hút hơn 25.000 lượt khách, trong đó có khoảng 9.000 khách quốc tế.
UBND phường Minh An huy động lực lượng dân phòng, đoàn viên thanh niên giữ gìn an ninh trật tự, hướng dẫn du khách, bảo đảm môi trường văn hóa văn minh trong khu phố cổ.
""", author="Nguyễn Thị Thu Hòa")

art("minhan-2020-0930-trung-thu-den-long", MA, "2020-09-30", "Văn hoá - Du lịch",
    "Phố cổ Hội An rực rỡ đèn lồng đón Tết Trung thu",
    """
Những ngày cuối tháng 9/2020, các cơ sở làm đèn lồng trên đường Trần Phú, Nguyễn Thị Minh Khai tất bật hoàn thiện hàng nghìn chiếc đèn phục vụ Tết Trung thu. Dù lượng khách giảm mạnh do dịch COVID-19, người làm nghề vẫn giữ lửa cho nghề truyền thống.
Ông Huỳnh Văn Ba, chủ một cơ sở đèn lồng ở phường Minh An, cho biết mỗi chiếc đèn phải qua nhiều công đoạn: chẻ tre, uốn khung, căng vải lụa và vẽ hoa văn. Năm nay cơ sở chuyển sang bán trực tuyến cho khách ở Hà Nội, TP.HCM và xuất khẩu sang Nhật Bản.
Tối rằm tháng Tám, phường tổ chức rước đèn cho thiếu nhi và chương trình "Trung thu cho em" tặng 300 phần quà cho trẻ em khó khăn.
""", author="Trương Thị Nhung")

art("minhan-2022-1010-tha-hoa-dang", MA, "2022-10-10", "Văn hoá - Du lịch",
    "Thả hoa đăng cầu an bình, hoà hợp trên sông Hoài",
    """
Tối ngày 09/10/2022, tại bến sông Hoài, phường Minh An phối hợp với Ban quản lý các di tích tổ chức lễ thả hoa đăng cầu an bình, hoà hợp sau mùa mưa bão. Hàng trăm người dân và du khách cùng thả những chiếc đèn hoa đăng làm bằng giấy màu, thắp sáng cả một đoạn sông.
Hoa đăng được làm bằng vật liệu thân thiện môi trường, sau buổi lễ được lực lượng tình nguyện thu gom. Đây là hoạt động văn hoá gắn với đời sống tâm linh của người dân phố Hội từ nhiều thế hệ.
Bên lề lễ hội, các nghệ nhân giới thiệu cách gấp hoa đăng, vẽ tranh trên đèn lồng cho du khách; chương trình nghệ thuật hô hát bài chòi và hoà tấu nhạc cụ dân tộc diễn ra đến 22 giờ cùng ngày.
""", author="Lê Thị Thuỷ Tiên")

art("camthanh-2023-0415-le-hoi-rung-dua", HA, "2023-04-15", "Văn hoá - Du lịch",
    "Lễ hội văn hoá rừng dừa Bảy Mẫu thu hút đông đảo du khách",
    """
Trong hai ngày 14 và 15/4/2023, xã Cẩm Thanh tổ chức Lễ hội văn hoá rừng dừa Bảy Mẫu lần thứ ba với chủ đề "Về với rừng dừa". Lễ hội gồm các hoạt động: đua thúng chai, trình diễn múa thúng, hội chợ sản phẩm OCOP và ẩm thực làng quê.
Rừng dừa Bảy Mẫu rộng khoảng 100 ha, là vùng sinh thái ngập mặn nằm trong Khu dự trữ sinh quyển thế giới Cù Lao Chàm - Hội An. Năm 2022, điểm du lịch này đón khoảng 460.000 lượt khách, doanh thu dịch vụ đạt trên 50 tỷ đồng.
UBND xã Cẩm Thanh cho biết sẽ tiếp tục quản lý chặt hoạt động kinh doanh thúng chai, niêm yết giá công khai, bảo vệ hệ sinh thái dừa nước và phát triển du lịch cộng đồng bền vững.
""", author="Nguyễn Văn Sỹ", form="nfd")

art("minhan-2024-0624-gia-ve-tham-quan", MA, "2024-06-24", "Văn hoá - Du lịch",
    "Điều chỉnh cách bán vé tham quan khu phố cổ Hội An",
    """
Từ ngày 01/7/2024, thành phố Hội An điều chỉnh phương thức bán vé tham quan khu phố cổ: du khách mua vé tại 10 điểm bán vé quanh khu vực lõi hoặc mua vé điện tử qua mã QR. Giá vé đối với khách nước ngoài là 120.000 đồng/người, khách Việt Nam 80.000 đồng/người.
Vé tham quan có giá trị trong 24 giờ và cho phép vào 5 điểm di tích, bảo tàng, hội quán tuỳ chọn. Trẻ em dưới 16 tuổi, người dân Hội An và người có công được miễn vé.
Theo Trung tâm Quản lý bảo tồn di sản văn hoá, nguồn thu từ vé được sử dụng để tu bổ di tích, hỗ trợ chủ nhà có di tích xuống cấp và tổ chức các hoạt động văn hoá phục vụ khách. UBND phường Minh An đề nghị các hộ kinh doanh hướng dẫn du khách mua vé đúng quy định.
""", author="Phòng Văn hoá - Thông tin")

art("minhan-2025-1201-du-khach-2025", MA, "2025-12-01", "Văn hoá - Du lịch",
    "Phố cổ Hội An đón gần 5 triệu lượt khách trong 11 tháng năm 2025",
    """
Theo số liệu của Phòng Văn hoá, Khoa học và Thông tin, trong 11 tháng năm 2025 khu phố cổ Hội An đón khoảng 4,9 triệu lượt khách tham quan, tăng 12% so với cùng kỳ năm 2024; trong đó khách quốc tế chiếm 67%, chủ yếu đến từ Hàn Quốc, Úc, Mỹ và châu Âu.
Các sản phẩm du lịch đêm như đi thuyền trên sông Hoài, xem biểu diễn nghệ thuật và chợ đêm tiếp tục được du khách yêu thích. Công suất phòng bình quân của các cơ sở lưu trú trên địa bàn phường Minh An đạt 72%.
Tuy nhiên, tình trạng ùn tắc vào buổi tối ở các tuyến phố trung tâm và việc lấn chiếm vỉa hè vẫn còn. UBND phường sẽ tăng cường kiểm tra, phối hợp với các hộ kinh doanh giữ gìn trật tự, văn minh đô thị trong mùa cao điểm cuối năm.
""", author="Trần Văn Hoá", form="composite")

art("tanan-2026-0212-le-hoi-xuan", TA, "2026-02-12", "Văn hoá - Du lịch",
    "Phường Tân An tổ chức chuỗi hoạt động mừng Xuân Bính Ngọ 2026",
    """
Chào đón Xuân Bính Ngọ 2026, UBND phường Tân An tổ chức chuỗi hoạt động văn hoá, thể thao từ ngày 10/02/2026 đến 20/02/2026 (tức 23 tháng Chạp đến mùng 4 Tết). Điểm nhấn là hội chợ hoa xuân và đêm thơ Nguyên tiêu tại công viên khối phố Xuân Hoà.
Các câu lạc bộ dưỡng sinh, bóng chuyền, cờ tướng và bài chòi của phường tham gia biểu diễn, thi đấu giao lưu. Đoàn Thanh niên phường trang trí tuyến đường với 500 chiếc đèn lồng, tạo không gian đón Tết ấm cúng cho người dân và du khách lưu trú tại các homestay.
UBND phường đề nghị người dân đón Tết vui tươi, an toàn, tiết kiệm; không sử dụng pháo nổ; đã uống rượu bia thì không lái xe.
""", author="Nguyễn Thị Hòa")

# ---------------------------------------------------------------- Lũ lụt, thiên tai
art("camha-2020-1028-bao-so-9", CH, "2020-10-28", "Thông báo",
    "Xã Cẩm Hà khẩn trương ứng phó với bão số 9",
    """
Thực hiện công điện của Ban Chỉ huy phòng chống thiên tai và tìm kiếm cứu nạn thành phố, chiều ngày 27/10/2020, UBND xã Cẩm Hà tổ chức sơ tán 312 hộ với 1.046 nhân khẩu ở vùng trũng thấp, nhà tạm, nhà yếu đến các trường học và nhà kiên cố an toàn trước khi bão số 9 đổ bộ.
Lực lượng dân quân, công an xã giúp dân chằng chống nhà cửa, chặt tỉa cây xanh, kê cao tài sản; các tàu thuyền đã vào nơi neo đậu. Ban chỉ huy xã duy trì trực 24/24 giờ, chuẩn bị sẵn lương thực, nước uống, thuốc men cho các điểm sơ tán.
UBND xã yêu cầu người dân tuyệt đối không ra đường khi bão đổ bộ, theo dõi thông tin trên loa truyền thanh và không chủ quan sau khi bão tan vì nguy cơ lũ, ngập úng kéo dài.
""", author="Ban Chỉ huy PCTT&TKCN xã", form="nfd")

art("minhan-2020-1108-lu-lut-pho-co", MA, "2020-11-08", "Thông báo",
    "Nước lũ rút, phường Minh An ra quân tổng vệ sinh khu phố cổ",
    """
Sau đợt lũ từ ngày 04 đến 07/11/2020, mực nước sông Hoài tại trạm thủy văn Hội An lên đến 2,8 m, trên báo động III, khiến toàn bộ các tuyến phố Bạch Đằng, Nguyễn Thái Học, Trần Phú bị ngập sâu từ 0,5 đến 1,5 m.
Ngay khi nước rút, sáng ngày 08/11/2020, UBND phường Minh An huy động hơn 400 người gồm dân quân, công an, đoàn viên và người dân ra quân dọn bùn, khơi thông cống rãnh, phun khử khuẩn. Các di tích, hội quán được kiểm tra, lau chùi cẩn thận để sớm mở cửa đón khách.
Theo thống kê sơ bộ, thiệt hại do lũ trên địa bàn phường khoảng 3,2 tỷ đồng, chủ yếu là hàng hóa của các hộ kinh doanh. Phường đề nghị người dân theo dõi bản tin thủy văn, chủ động kê cao hàng hóa khi có thông báo lũ mới.
""", author="Lê Văn Thủy")

art("camthanh-2022-1015-dien-tap-phong-chong-thien-tai", HA, "2022-10-15", "Thông báo",
    "Cẩm Thanh diễn tập phòng chống thiên tai và tìm kiếm cứu nạn năm 2022",
    """
Ngày 13/10/2022, UBND xã Cẩm Thanh tổ chức diễn tập phòng chống thiên tai và tìm kiếm cứu nạn với tình huống giả định bão mạnh kết hợp triều cường gây ngập lụt vùng rừng dừa và khu dân cư ven sông Thu Bồn.
Hơn 150 người thuộc các lực lượng quân sự, công an, y tế, chữ thập đỏ, đội xung kích thôn và ngư dân tham gia. Các nội dung thực hành gồm sơ tán dân bằng thuyền, cứu người đuối nước, sơ cứu nạn nhân và bảo vệ tài sản. Xã cũng kiểm tra phương án "4 tại chỗ", danh sách hộ cần sơ tán và số liệu thuỷ văn cập nhật từ trạm đo.
Qua diễn tập, ông Phạm Văn Thuỵ, Chỉ huy trưởng Ban Chỉ huy Quân sự xã, đánh giá các lực lượng phối hợp nhịp nhàng; tuy nhiên cần bổ sung áo phao và đèn pin cho các thôn ven sông trước mùa mưa bão.
""", author="Phạm Văn Thuỵ")

art("tanan-2023-1115-lu-lut-tan-an", TA, "2023-11-15", "Thông báo",
    "Phường Tân An hỗ trợ người dân khắc phục hậu quả lũ lụt",
    """
Đợt mưa lớn từ ngày 12 đến 14/11/2023 làm nhiều tuyến đường trên địa bàn phường Tân An bị ngập sâu, 215 hộ dân ở các khối phố thấp trũng phải kê dọn đồ đạc, 36 hộ phải di dời tạm thời.
Ủy ban nhân dân phường đã kích hoạt phương án phòng chống lụt bão, bố trí 4 ca nô và xuồng trực tại các điểm ngập, hỗ trợ mì tôm, nước uống cho các hộ bị cô lập. UBMTTQ phường kêu gọi các nhà hảo tâm, doanh nghiệp đóng góp được 68.500.000 đồng để hỗ trợ các hộ khó khăn.
Sau lũ, phường tổ chức vệ sinh môi trường, xử lý nước sinh hoạt và phun thuốc phòng dịch bệnh. Lãnh đạo phường đề nghị các khối phố rà soát, bổ sung danh sách hộ cần hỗ trợ, tránh bỏ sót đối tượng.
""", author="Văn phòng UBND phường")

art("camha-2025-1030-bao-so-12", CH, "2025-10-30", "Thông báo",
    "Công điện khẩn: chủ động phòng chống bão và mưa lũ",
    """
Theo bản tin của Trung tâm Dự báo khí tượng thủy văn quốc gia, bão đang di chuyển nhanh vào vùng biển các tỉnh Trung Bộ, có khả năng gây mưa rất to và lũ trên các sông từ ngày 30/10 đến 02/11/2025.
Chủ tịch UBND xã Cẩm Hà yêu cầu các thôn rà soát và sẵn sàng sơ tán dân ở vùng trũng thấp; kiểm tra bảo đảm an toàn các công trình thủy lợi, trường học, trạm y tế; thu hoạch sớm rau màu; hướng dẫn người dân gia cố nhà cửa. Lực lượng dân quân trực 24/24 giờ, bố trí phương tiện cứu hộ tại các điểm xung yếu.
Người dân cần theo dõi thông tin về bão trên các phương tiện thông tin đại chúng, không ra đồng, không đánh bắt cá trên sông khi có lũ; bảo đảm an toàn tính mạng là trên hết.
""", author="Ban Chỉ huy PCTT&TKCN xã")

# ---------------------------------------------------------------- CCHC
art("tanan-2019-0603-bo-phan-mot-cua", TA, "2019-06-03", "Cải cách hành chính",
    "Nâng cao chất lượng phục vụ tại Bộ phận tiếp nhận và trả kết quả",
    """
Từ ngày 01/6/2019, Ủy ban nhân dân phường Tân An đưa vào sử dụng Bộ phận tiếp nhận và trả kết quả theo cơ chế một cửa, một cửa liên thông được cải tạo, nâng cấp, với 5 quầy giao dịch, máy lấy số tự động và bảng điện tử niêm yết thủ tục hành chính.
Năm 2018, Bộ phận một cửa của phường tiếp nhận 4.126 hồ sơ, trong đó 99,2% được giải quyết đúng hạn; các lĩnh vực có nhiều hồ sơ là chứng thực, hộ tịch và đất đai. Người dân có thể đánh giá mức độ hài lòng trên thiết bị đặt tại quầy.
Chủ tịch Ủy ban nhân dân phường yêu cầu cán bộ, công chức thực hiện đúng quy tắc ứng xử, công khai thời gian giải quyết, không yêu cầu người dân bổ sung giấy tờ ngoài quy định, góp phần đẩy mạnh CCHC trên địa bàn.
""", author="Trần Thị Thúy")

art("minhan-2021-0322-dich-vu-cong-truc-tuyen", MA, "2021-03-22", "Cải cách hành chính",
    "Hướng dẫn người dân nộp hồ sơ qua dịch vụ công trực tuyến",
    """
Ngày 22/3/2021, Uỷ ban nhân dân phường Minh An tổ chức tập huấn hướng dẫn sử dụng dịch vụ công trực tuyến mức độ 3, 4 cho trưởng khối phố, đoàn viên thanh niên và người dân.
Hiện nay phường đã cung cấp 42 dịch vụ công trực tuyến mức độ 3 và 4 trên Cổng dịch vụ công tỉnh Quảng Nam, như đăng ký khai sinh, đăng ký thường trú, chứng thực bản sao điện tử. Người dân có thể nộp hồ sơ, theo dõi tình trạng xử lý và thanh toán lệ phí trực tuyến mà không cần đến trụ sở.
Tổ công nghệ số cộng đồng ở các khối phố sẽ hỗ trợ người cao tuổi tạo tài khoản và nộp hồ sơ. Mục tiêu năm 2021, tỷ lệ hồ sơ nộp trực tuyến của phường đạt trên 30%, góp phần nâng cao chỉ số CCHC của thành phố Hội An.
""", author="Bộ phận Một cửa phường")

art("camha-2023-0901-chi-so-cchc", CH, "2023-09-01", "Cải cách hành chính",
    "Xã Cẩm Hà dẫn đầu chỉ số cải cách hành chính khối xã, phường",
    """
Theo kết quả công bố của UBND thành phố Hội An ngày 28/8/2023, xã Cẩm Hà xếp thứ nhất về chỉ số CCHC năm 2022 trong khối xã, phường với 91,25 điểm, tăng 3 bậc so với năm trước.
Xã đã số hoá 100% kết quả giải quyết thủ tục hộ tịch còn hiệu lực, thực hiện trả kết quả qua dịch vụ bưu chính công ích và triển khai thanh toán không dùng tiền mặt tại Bộ phận một cửa. Tỷ lệ hồ sơ trực tuyến toàn trình đạt 68%.
Đồng chí Chủ tịch UBND xã cho biết thời gian tới sẽ tiếp tục rà soát, đơn giản hoá quy trình nội bộ, tăng cường kỷ luật, kỷ cương hành chính và lấy sự hài lòng của người dân, doanh nghiệp làm thước đo hiệu quả phục vụ.
""", author="Văn phòng HĐND và UBND xã", form="composite")

art("tanan-2025-0703-trung-tam-phuc-vu-hanh-chinh-cong", TA, "2025-07-03", "Cải cách hành chính",
    "Trung tâm phục vụ hành chính công phường đi vào hoạt động",
    """
Từ ngày 01/7/2025, Trung tâm phục vụ hành chính công phường chính thức đi vào hoạt động, tiếp nhận và giải quyết thủ tục hành chính thuộc thẩm quyền của UBND phường theo mô hình chính quyền địa phương hai cấp.
Trong 3 ngày đầu, trung tâm đã tiếp nhận 386 hồ sơ, chủ yếu là chứng thực, đăng ký hộ tịch, đất đai và xác nhận tình trạng hôn nhân. Người dân có thể nộp hồ sơ trực tiếp, qua bưu chính hoặc trên Cổng Dịch vụ công quốc gia; cán bộ hướng dẫn sử dụng tài khoản định danh điện tử VNeID để đăng nhập.
Một số hồ sơ còn chậm do hệ thống phần mềm đang được đồng bộ dữ liệu. UBND phường đã bố trí thêm công chức hỗ trợ, niêm yết số điện thoại đường dây nóng để tiếp nhận phản ánh của người dân.
""", author="Trung tâm phục vụ hành chính công")

art("minhan-2026-0115-so-hoa-ho-so", MA, "2026-01-15", "Cải cách hành chính",
    "Năm 2026: 100% hồ sơ thủ tục hành chính được số hoá",
    """
Tại hội nghị triển khai nhiệm vụ CCHC năm 2026 tổ chức ngày 14/01/2026, UBND phường Minh An đặt mục tiêu 100% hồ sơ, kết quả giải quyết thủ tục hành chính được số hoá và lưu trữ điện tử; tỷ lệ hồ sơ trực tuyến toàn trình đạt trên 80%.
Năm 2025, phường tiếp nhận 9.874 hồ sơ, giải quyết đúng hạn 99,6%; không có hồ sơ quá hạn trong lĩnh vực hộ tịch và chứng thực. Mức độ hài lòng của người dân đạt 98,1%.
Phường sẽ tiếp tục thực hiện Đề án 06 về phát triển ứng dụng dữ liệu dân cư, khai thác dữ liệu từ căn cước công dân để người dân không phải nộp lại giấy tờ đã có trong cơ sở dữ liệu quốc gia.
""", author="Bộ phận Một cửa phường")

# ---------------------------------------------------------------- Văn bản (legal)
art("tanan-2023-0321-qd-1234-ubnd", TA, "2023-03-21", "Văn bản mới ban hành",
    "Quyết định số 1234/QĐ-UBND ngày 21/03/2023 về việc thành lập Tổ công tác GPMB",
    """
Quyết định số 1234/QĐ-UBND ngày 21/03/2023 của UBND phường Tân An về việc thành lập Tổ công tác giải phóng mặt bằng các dự án trên địa bàn phường năm 2023.
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015; căn cứ Nghị định số 47/2014/NĐ-CP ngày 15/5/2014 của Chính phủ quy định về bồi thường, hỗ trợ, tái định cư khi Nhà nước thu hồi đất.
Điều 1. Thành lập Tổ công tác GPMB phường Tân An gồm 9 thành viên, do Phó Chủ tịch UBND phường làm tổ trưởng.
Điều 2. Tổ công tác có nhiệm vụ phối hợp kiểm kê, tuyên truyền, vận động người dân bàn giao mặt bằng; tổng hợp kiến nghị báo cáo UBND phường.
Điều 3. Quyết định có hiệu lực kể từ ngày ký. Văn phòng HĐND và UBND phường, các thành viên có tên tại Điều 1 chịu trách nhiệm thi hành.
""", kind="legal", author="UBND phường Tân An")

art("hoian-2020-0615-qd-2456-phe-duyet-boi-thuong", HA, "2020-06-15", "Văn bản mới ban hành",
    "Quyết định số 2456/QĐ-UBND phê duyệt phương án bồi thường, hỗ trợ dự án Khu tái định cư Trảng Kèo",
    """
Quyết định số 2456/QĐ-UBND ngày 15/06/2020 của Ủy ban nhân dân thành phố Hội An về việc phê duyệt phương án bồi thường, hỗ trợ và tái định cư dự án Khu tái định cư Trảng Kèo, xã Cẩm Hà (đợt 1).
Điều 1. Phê duyệt phương án bồi thường, hỗ trợ và tái định cư cho 52 hộ gia đình, cá nhân với tổng diện tích thu hồi 4,16 ha; tổng kinh phí 31.542.876.000 đồng (Ba mươi mốt tỷ, năm trăm bốn mươi hai triệu, tám trăm bảy mươi sáu nghìn đồng).
Điều 2. Trung tâm Phát triển quỹ đất thành phố phối hợp UBND xã Cẩm Hà niêm yết công khai, chi trả tiền bồi thường theo quy định.
Điều 3. Quyết định này có hiệu lực kể từ ngày ký.
""", kind="legal", author="Văn phòng HĐND và UBND thành phố")

art("camha-2022-0210-kh-85-tiem-chung", CH, "2022-02-10", "Văn bản mới ban hành",
    "Kế hoạch số 85/KH-UBND ngày 10/02/2022 triển khai tiêm vắc xin phòng COVID-19 mũi nhắc lại",
    """
Kế hoạch số 85/KH-UBND ngày 10/02/2022 của UBND xã Cẩm Hà về triển khai tiêm vắc xin phòng COVID-19 liều nhắc lại cho người từ 18 tuổi trở lên năm 2022.
Mục tiêu: bảo đảm trên 95% người từ 18 tuổi trở lên đã tiêm đủ liều cơ bản được tiêm mũi nhắc lại trước ngày 31/3/2022.
Thời gian, địa điểm: từ ngày 14/02/2022, tại Trạm Y tế xã và điểm tiêm lưu động ở các thôn.
Tổ chức thực hiện: Trạm Y tế xã chủ trì; Công an xã cập nhật dữ liệu tiêm chủng vào cơ sở dữ liệu dân cư; UBMTTQ và các đoàn thể vận động người dân; các thôn lập danh sách người chưa tiêm, người có bệnh nền để khám sàng lọc.
""", kind="legal", author="UBND xã Cẩm Hà")

art("minhan-tb-112-tam-dung-phuong-tien", MA, None, "Văn bản mới ban hành",
    "Thông báo số 112/TB-UBND về việc tạm dừng phương tiện lưu thông vào khu phố cổ",
    """
Thông báo số 112/TB-UBND của UBND phường Minh An về việc tạm dừng phương tiện cơ giới lưu thông vào khu vực lõi phố cổ trong các ngày tổ chức Đêm phố cổ.
Thời gian cấm: từ 15 giờ 30 đến 22 giờ các ngày rằm hằng tháng và các ngày lễ, Tết theo thông báo của UBND thành phố.
Phạm vi: các tuyến đường Trần Phú, Nguyễn Thái Học, Bạch Đằng, Lê Lợi (đoạn từ Phan Châu Trinh đến Trần Phú), Nguyễn Thị Minh Khai.
Các trường hợp ưu tiên: xe cứu thương, xe chữa cháy, xe làm nhiệm vụ khẩn cấp, xe của người khuyết tật. Người vi phạm bị xử lý theo Nghị định số 100/2019/NĐ-CP ngày 30/12/2019 của Chính phủ.
""", kind="legal", author="UBND phường Minh An", form="nfd")

# ---------------------------------------------------------------- Thủ tục (procedure)
art("tthc-dang-ky-khai-sinh", TA, None, "Thủ tục hành chính",
    "Thủ tục đăng ký khai sinh",
    """
Lĩnh vực: Hộ tịch.
Cơ quan thực hiện: UBND cấp xã nơi cư trú của người cha hoặc người mẹ.
Trình tự thực hiện: Người có trách nhiệm đăng ký khai sinh nộp tờ khai và giấy tờ theo quy định tại Bộ phận tiếp nhận và trả kết quả hoặc qua dịch vụ công trực tuyến; công chức tư pháp - hộ tịch kiểm tra, ghi vào Sổ hộ tịch và cấp Giấy khai sinh.
Thành phần hồ sơ: Tờ khai đăng ký khai sinh theo mẫu; Giấy chứng sinh hoặc văn bản của người làm chứng xác nhận việc sinh; giấy tờ tùy thân của người đi đăng ký.
Thời hạn giải quyết: Ngay trong ngày tiếp nhận; trường hợp nhận hồ sơ sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo.
Lệ phí: Miễn lệ phí đăng ký khai sinh đúng hạn.
Căn cứ pháp lý: Luật Hộ tịch năm 2014; Nghị định số 123/2015/NĐ-CP ngày 15/11/2015 của Chính phủ.
""", kind="procedure", author="Bộ phận Một cửa")

art("tthc-chung-thuc-ban-sao", MA, "2021-05-10", "Thủ tục hành chính",
    "Thủ tục chứng thực bản sao từ bản chính giấy tờ, văn bản",
    """
Lĩnh vực: Chứng thực.
Cơ quan thực hiện: UBND xã, phường, thị trấn.
Trình tự thực hiện: Người yêu cầu chứng thực xuất trình bản chính và bản sao cần chứng thực; người thực hiện chứng thực kiểm tra, đối chiếu bản sao với bản chính, ghi lời chứng, ký, đóng dấu và ghi vào sổ chứng thực.
Thành phần hồ sơ: Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao và bản sao cần chứng thực.
Thời hạn giải quyết: Trong ngày cơ quan tiếp nhận yêu cầu hoặc ngày làm việc tiếp theo nếu tiếp nhận sau 15 giờ.
Lệ phí: 2.000 đồng/trang; từ trang thứ ba trở lên thu 1.000 đồng/trang, tối đa không quá 200.000 đồng/bản.
Căn cứ pháp lý: Nghị định số 23/2015/NĐ-CP ngày 16/02/2015 của Chính phủ về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính.
""", kind="procedure", author="Bộ phận Một cửa phường")

art("tthc-xac-nhan-tinh-trang-hon-nhan", CH, "2024-03-12", "Thủ tục hành chính",
    "Thủ tục cấp Giấy xác nhận tình trạng hôn nhân",
    """
Lĩnh vực: Hộ tịch.
Cơ quan thực hiện: UBND cấp xã nơi thường trú của công dân Việt Nam.
Trình tự thực hiện: Người yêu cầu nộp tờ khai theo mẫu; trường hợp đã có vợ hoặc chồng nhưng đã ly hôn hoặc người kia đã chết thì xuất trình giấy tờ chứng minh. Trong thời hạn 03 ngày làm việc, công chức tư pháp - hộ tịch kiểm tra, trình Chủ tịch UBND cấp xã ký cấp Giấy xác nhận.
Thành phần hồ sơ: Tờ khai cấp Giấy xác nhận tình trạng hôn nhân; giấy tờ tùy thân; bản án, quyết định ly hôn đã có hiệu lực (nếu có).
Lệ phí: 15.000 đồng; nộp trực tuyến được giảm 50% theo quy định hiện hành.
Căn cứ pháp lý: Luật Hộ tịch năm 2014; Nghị định số 123/2015/NĐ-CP; Thông tư số 04/2020/TT-BTP ngày 28/5/2020 của Bộ Tư pháp.
""", kind="procedure", author="Văn phòng UBND xã")

art("tthc-dang-ky-thuong-tru", TA, None, "Thủ tục hành chính",
    "Thủ tục đăng ký thường trú",
    """
Lĩnh vực: Đăng ký, quản lý cư trú.
Cơ quan thực hiện: Công an cấp xã.
Trình tự thực hiện: Công dân nộp hồ sơ trực tiếp tại Công an phường hoặc qua Cổng dịch vụ công quốc gia, ứng dụng VNeID. Cơ quan đăng ký cư trú kiểm tra, cập nhật thông tin vào Cơ sở dữ liệu về cư trú và thông báo cho người đăng ký.
Thành phần hồ sơ: Tờ khai thay đổi thông tin cư trú; giấy tờ, tài liệu chứng minh chỗ ở hợp pháp; văn bản đồng ý của chủ hộ hoặc chủ sở hữu chỗ ở (nếu có).
Thời hạn giải quyết: 07 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.
Lệ phí: 20.000 đồng/lần đăng ký; nộp trực tuyến 10.000 đồng.
Căn cứ pháp lý: Luật Cư trú năm 2020; Nghị định số 62/2021/NĐ-CP ngày 29/6/2021 của Chính phủ.
""", kind="procedure", author="Công an phường")

# ---------------------------------------------------------------- English
art("hoian-en-2019-lantern-festivals", HA, "2019-03-20", "Tourism",
    "Hoi An's full moon lantern festivals keep drawing visitors",
    """
Every month on the 14th day of the lunar calendar, Hoi An's ancient town switches off its electric lights and glows with thousands of silk lanterns. The full moon lantern festivals have become one of the city's best-known tourism products since they started in 1998.
During the festivals, streets in the old town are closed to motorbikes, and visitors can join folk games, listen to bai choi singing and release paper lanterns on the Hoai River. Local lantern makers open their workshops so that tourists can make their own lanterns.
In the first quarter of 2019, the ancient town welcomed about 1.3 million visitors, up 15 per cent year on year. The city asks visitors to buy old town tickets at official ticket booths and to respect the heritage houses and assembly halls.
""", lang="en", author="Hoi An Centre for Culture and Sports")

art("hoian-en-2023-old-town-ticket", HA, "2023-03-01", "Tourism",
    "Old town ticket: what a visitor needs to know",
    """
An entrance ticket is required for every foreign visitor to the Hoi An ancient town. From 1 March 2023, the ticket costs VND 120,000 for foreign visitors and VND 80,000 for Vietnamese visitors, and it includes admission to five sites of your choice, such as an old house, an assembly hall, a museum or the Japanese Covered Bridge.
A ticket can be bought at any of the booths at the entrances to the old town. Children under 16 get in free. The money from each ticket is used to preserve the heritage of the town, which was listed by UNESCO as a World Heritage Site in 1999.
A visitor who walks only along the riverside still needs a ticket when entering the core zone. Keep the ticket with you, as staff may check it at each site.
""", lang="en", author="Hoi An Heritage Management Centre")

art("hoian-en-2024-tourism-numbers", HA, "2024-12-28", "Tourism",
    "Hoi An welcomed over 4 million visitors in 2024",
    """
Hoi An received about 4.4 million visitors in 2024, of whom 3.1 million were international visitors, according to the city's Department of Culture and Information. Revenue from tourism reached VND 6,800 billion.
Markets in South Korea, Australia, the United States and Western Europe grew strongly, while domestic visitors came mainly from Hanoi and Ho Chi Minh City. Night-time activities, cooking classes, cycling tours through the Tra Que vegetable village and basket boat rides in the Bay Mau coconut forest were among the most popular experiences.
The city plans to spread visitors more evenly by promoting community-based tourism in Cam Thanh and Cam Kim and by limiting the number of boats on the Hoai River in the evenings.
""", lang="en", author="Department of Culture and Information")

art("hoian-en-2025-lantern-festival", HA, "2025-09-08", "Tourism",
    "Mid-Autumn lantern festival lights up the ancient town",
    """
The Mid-Autumn lantern festival returned to Hoi An on the evening of 6 September 2025 with a parade of children carrying star-shaped lanterns through Tran Phu and Nguyen Thai Hoc streets.
Lion dance troupes from the four wards of the old town performed at the Cantonese and Fujian assembly halls, and a lantern-making contest was held at the Hoi An Museum. Each visitor could try painting a lantern under the guidance of a local craftsman.
The festival is one of the biggest events on the city's cultural calendar. The organisers reminded every visitor to keep the riverbanks clean and to use the lantern boats only at the official piers.
""", lang="en", author="Hoi An Centre for Culture and Sports")

# ---------------------------------------------------------------- TCVN3 pair
_NTM_TITLE = "Xã Cẩm Hà ra quân xây dựng nông thôn mới nâng cao"
_NTM_BODY = """
Sáng ngày 15/3/2021, xã Cẩm Hà tổ chức lễ ra quân xây dựng nông thôn mới nâng cao giai đoạn 2021 - 2025 với sự tham gia của hơn 500 cán bộ, đoàn viên, hội viên và người dân ở 6 thôn.
Các lực lượng đã làm vệ sinh môi trường, trồng hoa dọc tuyến đường liên thôn, nạo vét kênh mương nội đồng và sửa sang nhà văn hóa thôn. Năm 2020, thu nhập bình quân đầu người của xã đạt 56 triệu đồng, tỷ lệ hộ nghèo giảm còn 0,6%.
Xã đặt mục tiêu đến năm 2025 đạt chuẩn nông thôn mới kiểu mẫu, phát triển sản phẩm OCOP từ rau Trà Quế và du lịch sinh thái. UBND xã kêu gọi mỗi hộ dân giữ gìn cảnh quan xanh, sạch, đẹp, tích cực tham gia phong trào "Toàn dân đoàn kết xây dựng đời sống văn hóa".
"""
art("camha-2021-0315-nong-thon-moi-tcvn3", CH, "2021-03-15", "Kinh tế",
    _NTM_TITLE, _NTM_BODY, author="Nguyen Van Hung", form="tcvn3")
art("hoian-2021-0316-cam-ha-nong-thon-moi", HA, "2021-03-16", "Kinh tế",
    _NTM_TITLE, _NTM_BODY, author="Nguyễn Văn Hùng")

# ---------------------------------------------------------------- misc Thông báo
art("tanan-2022-0105-lich-tiep-cong-dan", TA, "2022-01-05", "Thông báo",
    "Lịch tiếp công dân của Chủ tịch Ủy ban nhân dân phường",
    """
Thực hiện Luật Tiếp công dân năm 2013 và Nghị định số 64/2014/NĐ-CP, Chủ tịch Ủy ban nhân dân phường Tân An thông báo lịch tiếp công dân định kỳ như sau:
Chủ tịch UBND phường tiếp công dân vào sáng thứ năm tuần thứ hai và thứ tư hằng tháng, từ 7 giờ 30 đến 11 giờ, tại phòng tiếp công dân, trụ sở UBND phường. Các Phó Chủ tịch tiếp công dân vào sáng thứ ba hằng tuần theo lĩnh vực được phân công.
Nội dung tiếp nhận: khiếu nại, tố cáo, kiến nghị, phản ánh liên quan đến đất đai, GPMB, trật tự xây dựng, chính sách xã hội và BHXH, BHYT. Công dân khi đến cần mang theo căn cước công dân và các giấy tờ liên quan. Trường hợp nhiều người cùng nội dung thì cử đại diện không quá 5 người.
""", author="Văn phòng HĐND và UBND phường")

art("minhan-2024-0702-hoi-nghi-hdnd", MA, "2024-07-02", "Thông báo",
    "Kỳ họp thứ 12 HĐND phường Minh An khóa XII",
    """
Ngày 01/7/2024, HĐND phường Minh An khóa XII, nhiệm kỳ 2021 - 2026 tổ chức kỳ họp thứ 12 để đánh giá tình hình kinh tế - xã hội 6 tháng đầu năm và nhiệm vụ 6 tháng cuối năm 2024.
Sáu tháng đầu năm, tổng thu ngân sách trên địa bàn đạt 62% dự toán; lượng khách tham quan phố cổ tăng mạnh; công tác chỉnh trang đô thị, quản lý trật tự vỉa hè có chuyển biến. Đại biểu HĐND chất vấn về tình trạng ô nhiễm tiếng ồn từ các quán bar trên đường Bạch Đằng, tiến độ chống sạt lở bờ sông Hoài và việc thu phí các bãi giữ xe.
Kỳ họp đã thông qua 4 nghị quyết, trong đó có nghị quyết về điều chỉnh kế hoạch đầu tư công năm 2024 và nghị quyết về chương trình giám sát năm 2025. UBMTTQ phường thông báo kết quả tiếp nhận 27 ý kiến, kiến nghị của cử tri.
""", author="Thường trực HĐND phường")

art("camha-2019-0110-rau-tra-que", CH, "2019-01-10", "Kinh tế",
    "Làng rau Trà Quế vào vụ rau Tết",
    """
Những ngày đầu tháng 01/2019, người trồng rau ở làng Trà Quế, xã Cẩm Hà tất bật chăm sóc các luống húng, quế, diếp cá để kịp phục vụ thị trường Tết Kỷ Hợi. Toàn làng có khoảng 18 ha rau với hơn 200 hộ trồng, chủ yếu canh tác theo phương pháp truyền thống, bón rong rêu từ sông Đế Võng.
Giá rau năm nay ổn định, trung bình từ 25.000 đến 40.000 đồng/kg. Ngoài bán rau, nhiều hộ kết hợp làm du lịch trải nghiệm: du khách được xới đất, gieo hạt, tưới rau bằng gánh nước và thưởng thức bữa trưa cùng gia đình nông dân.
UBND xã đã hỗ trợ nông dân xây dựng nhãn hiệu tập thể "Rau Trà Quế" và đang lập hồ sơ đề nghị công nhận làng nghề truyền thống.
""", author="Trần Thị Hạnh")


# ------------------------------------------------------------------ forms
TONES = {0x300, 0x301, 0x303, 0x309, 0x323}


def composite(s):
    """Precomposed quality letter (â ê ô ơ ư ă) + separate combining tone."""
    out = []
    for ch in unicodedata.normalize("NFD", s):
        if unicodedata.combining(ch) and out:
            out[-1].append(ch)
        else:
            out.append([ch])
    res = []
    for cl in out:
        tones = [c for c in cl[1:] if ord(c) in TONES]
        rest = [cl[0]] + [c for c in cl[1:] if ord(c) not in TONES]
        res.append(unicodedata.normalize("NFC", "".join(rest)) + "".join(tones))
    return "".join(res)


# cp1252 leaves these bytes undefined; they stand for the Latin-1 code point.
def cp1252_lenient(b):
    return "".join(bytes([x]).decode("cp1252") if x not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
                   else chr(x) for x in b)


def tcvn3_mojibake(s):
    raw = subprocess.run(["iconv", "-t", "TCVN5712-1"], input=s.encode("utf-8"),
                         stdout=subprocess.PIPE, check=True).stdout
    return cp1252_lenient(raw)


SECTION = {"news": "tin-tuc", "legal": "van-ban", "procedure": "thu-tuc-hanh-chinh"}


def render(a):
    title, body = a["title"], a["body"]
    if a["form"] == "nfd":
        title, body = (unicodedata.normalize("NFD", x) for x in (title, body))
    elif a["form"] == "composite":
        title, body = composite(title), composite(body)
    elif a["form"] == "tcvn3":
        title, body = tcvn3_mojibake(title), tcvn3_mojibake(body)
    slug = a["id"]
    o = {"id": a["id"], "title": title, "date": a["date"], "category": a["category"],
         "site": a["site"], "url": "https://%s/%s/%s.html" % (a["site"], SECTION[a["kind"]] if a["lang"] == "vi" else "en/news", slug)}
    if a["author"]:
        o["author"] = a["author"]
    if a["lang"] != "vi":
        o["lang"] = a["lang"]
    if a["kind"] != "news":
        o["kind"] = a["kind"]
    summ = a["summary"]
    if summ is None and a["form"] != "tcvn3":
        summ = a["body"].split("\n")[0]
        if len(summ) > 160:
            summ = summ[:summ.rfind(" ", 0, 157)] + "…"
    if summ and a["form"] == "nfd":
        summ = unicodedata.normalize("NFD", summ)
    elif summ and a["form"] == "composite":
        summ = composite(summ)
    if summ:
        o["summary"] = summ
    o["body"] = body
    return o


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "articles.jsonl"
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        for a in A:
            f.write(json.dumps(render(a), ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
