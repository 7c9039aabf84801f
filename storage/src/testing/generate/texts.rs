//! What generated citizens write and what the inspectors answer: plausible Uzbek texts for
//! every category, names, phones.

use domain::appeal::Category;

/// First names, and whether the surname takes the feminine ending.
pub(super) const FIRST_NAMES: &[(&str, bool)] = &[
    ("Anvar", false),
    ("Bobur", false),
    ("Jasur", false),
    ("Sardor", false),
    ("Aziz", false),
    ("Otabek", false),
    ("Rustam", false),
    ("Sherzod", false),
    ("Ulug'bek", false),
    ("Farrux", false),
    ("Dilnoza", true),
    ("Malika", true),
    ("Gulnora", true),
    ("Shahlo", true),
    ("Nilufar", true),
    ("Madina", true),
    ("Zarina", true),
    ("Feruza", true),
    ("Nodira", true),
    ("Kamola", true),
];

pub(super) const SURNAMES: &[&str] = &[
    "Karimov",
    "Rahimov",
    "Tursunov",
    "Aliyev",
    "Qodirov",
    "Saidov",
    "Nazarov",
    "Yusupov",
    "Ergashev",
    "Abdullayev",
    "Xolmatov",
    "Yo'ldoshev",
    "Mirzayev",
    "Sobirov",
];

pub(super) const OPERATOR_CODES: &[&str] = &["90", "91", "93", "94", "95", "97", "99", "88", "33"];

/// What citizens write, by category.
pub(super) fn body_texts(category: Category) -> &'static [&'static str] {
    match category {
        Category::Crime => &[
            "Kecha kechqurun ko'chamizdagi do'kon oynasi sindirilib, ichidan mahsulotlar o'g'irlandi. Iltimos, aybdorlarni aniqlang.",
            "Podyezdimizda notanish shaxslar giyohvand moddalar bilan savdo qilayotganiga shubha qilyapmiz. Chora ko'rishingizni so'raymiz.",
            "Avtomashinamning g'ildiraklari tunda yechib olingan. Hovlida kamera yo'q, guvohlar bor.",
        ],
        Category::Safety => &[
            "Ko'chamizda uch kundan beri chiroqlar yonmayapti, kechasi yurish xavfli bo'lib qoldi.",
            "Bolalar maydonchasi yonida har kecha yoshlar to'planib, spirtli ichimlik ichib shovqin qilishmoqda. Iltimos, chora ko'ring.",
            "Maktab oldidagi piyodalar o'tish joyida svetofor ishlamayapti, bolalar yo'lni xavf bilan kesib o'tmoqda.",
        ],
        Category::Family => &[
            "Qo'shni xonadonda tez-tez janjal bo'ladi, kechalari bolalarning yig'isi eshitiladi.",
            "Turmush o'rtog'im ichkilikka berilib, oilada zo'ravonlik qilmoqda. Yordam va maslahat so'rayman.",
            "O'g'lim maktabga bormay qo'ydi, yomon davraga qo'shilib qolganidan xavotirdaman.",
        ],
        Category::Social => &[
            "Yolg'iz yashaydigan keksa qo'shnimiz yordamga muhtoj: oziq-ovqat va dori olib beradigan hech kim yo'q.",
            "Nogironligi bor farzandim uchun nafaqa rasmiylashtirishda yordam so'rayman.",
            "Ko'p bolali oilamiz qish uchun ko'mir va o'tin olishga qiynalmoqda, moddiy yordam so'raymiz.",
        ],
        Category::Legal => &[
            "Otamdan qolgan uyni meros sifatida rasmiylashtirish uchun huquqiy maslahat kerak.",
            "Ijarachi uch oydan beri to'lov qilmayapti va uyni bo'shatishdan bosh tortmoqda. Qanday yo'l tutishim kerak?",
            "Qo'shnim yer chegarasini o'zboshimchalik bilan surib, devor qurdi. Hujjatlar menda bor.",
        ],
        Category::Utilities => &[
            "Yerto'lada suv quvuri yorilgan, ikki kundan beri suv oqmoqda.",
            "Podyezd eshigining qulfi buzilgan, begona odamlar kirib-chiqib yuribdi.",
            "Uyimizda bir haftadan beri gaz bosimi juda past, ovqat pishirib bo'lmayapti.",
        ],
        Category::Other => &[
            "Mahalla guzarida o'smirlar uchun kechki sport to'garagini ochishni taklif qilaman.",
            "Ko'chamizdagi daraxtlarni qish oldidan butash kerak, shoxlar sim ustiga osilib qolgan.",
        ],
    }
}

pub(super) const ANALYSIS_NOTE: &str = "Manzil va holat tekshirildi, fuqaro bilan bog'lanildi.";
pub(super) const BACK_NOTE: &str =
    "Qo'shimcha o'rganish kerak: fuqaroning yangi ma'lumotlari tekshirilsin.";
pub(super) const RECOMMENDATION: &str = "Uch oydan keyin holatni qayta tekshirish.";

pub(super) const ANALYSES: &[&str] = &[
    "Sabablar aniqlandi; mahalla va tegishli xizmatlar bilan chora-tadbirlar belgilandi.",
    "Holat joyida o'rganildi, guvohlar so'roq qilindi; profilaktik suhbat o'tkazish kerak.",
    "Muammo kommunal xizmat vakolatiga kiradi; xat yuborildi, ijro nazoratga olindi.",
];

pub(super) const ANSWERS: &[(&str, &str)] = &[
    (
        "Mahalla faollari va tegishli xizmat bilan joyida o'rganildi, muammo bartaraf etildi.",
        "Murojaatingiz ko'rib chiqildi: muammo bartaraf etildi. Savollaringiz bo'lsa, inspektorga murojaat qiling.",
    ),
    (
        "Aybdor shaxs bilan profilaktik suhbat o'tkazildi, ogohlantirish berildi.",
        "Murojaatingiz bo'yicha tegishli shaxsga ogohlantirish berildi; holat nazoratda.",
    ),
    (
        "Fuqaroga huquqiy maslahat berildi, kerakli hujjatlar ro'yxati topshirildi.",
        "Sizga huquqiy maslahat berildi; hujjatlarni tayyorlab, belgilangan idoraga murojaat qilishingiz mumkin.",
    ),
];
