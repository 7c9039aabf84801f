//! The demo district's catalogue of public services: fifteen services a Yunusobod resident
//! would look for (social benefits, disability, legal advice, utility connections, the
//! prevention inspector's reception), each with the kind of appeal it relates to. Written
//! once, like any administrator's save (with its audit entry), when the catalogue is empty.

use domain::audit::AuditAction;
use domain::services::ServiceDraft;
use storage::{AuditNote, ServicesShown, Storage, StorageError, YUNUSOBOD};

/// One demo service: name, what it is, provider, what to bring, hours, address, phone, and
/// the category code of the appeals it relates to ("" for none).
type DemoService = [&'static str; 8];

const SERVICES: [DemoService; 15] = [
    [
        "Kam ta'minlangan oilalarga bolalar nafaqasi",
        "14 yoshgacha bolali kam ta'minlangan oilalarga oylik nafaqa tayinlash. Ariza mahalla orqali ko'rib chiqiladi.",
        "Tuman ijtimoiy himoya bo'limi",
        "Pasport, bolalarning tug'ilganlik guvohnomalari, oila tarkibi haqida ma'lumotnoma",
        "Du–Ju, 9:00–18:00; tushlik 13:00–14:00",
        "Amir Temur shoh ko'chasi, 107",
        "+998 71 234 56 70",
        "social",
    ],
    [
        "Bola parvarishi nafaqasi (2 yoshgacha)",
        "Ikki yoshgacha bolani parvarishlayotgan onaga (otaga) oylik nafaqa.",
        "Tuman ijtimoiy himoya bo'limi",
        "Pasport, bolaning tug'ilganlik guvohnomasi, ish joyidan ma'lumotnoma (ishlasa)",
        "Du–Ju, 9:00–18:00",
        "Amir Temur shoh ko'chasi, 107",
        "+998 71 234 56 70",
        "social",
    ],
    [
        "Nogironlikni belgilash (TMEK)",
        "Tibbiy-mehnat ekspert komissiyasi nogironlik guruhini belgilaydi yoki qayta ko'rikdan o'tkazadi.",
        "Tuman tibbiy-mehnat ekspert komissiyasi",
        "Pasport, oilaviy poliklinika yo'llanmasi, tibbiy hujjatlar, oldingi TMEK xulosasi (bo'lsa)",
        "Se, Pa, 9:00–13:00",
        "Yunusobod 4-mavze, 12-uy (oilaviy poliklinika binosi)",
        "+998 71 224 31 15",
        "social",
    ],
    [
        "Nogironligi bor shaxslarga reabilitatsiya vositalari",
        "Nogironlar aravachasi, eshitish apparati, protez va boshqa vositalarni bepul olish uchun navbatga qo'yish.",
        "Tuman ijtimoiy himoya bo'limi",
        "Pasport, TMEK xulosasi, shifokorning reabilitatsiya dasturi",
        "Du–Ju, 9:00–17:00",
        "Amir Temur shoh ko'chasi, 107",
        "+998 71 234 56 71",
        "social",
    ],
    [
        "Bepul yuridik maslahat",
        "Meros, mulk, mehnat va oilaviy masalalar bo'yicha advokatning bepul maslahati.",
        "Tuman adliya bo'limi huzuridagi yuridik klinika",
        "Pasport va masalaga oid hujjatlar (shartnoma, guvohnoma, sud qarori)",
        "Ch, Ju, 14:00–18:00",
        "Yunusobod 9-mavze, Adliya binosi, 2-qavat",
        "+998 71 200 11 22",
        "legal",
    ],
    [
        "Uy-joyga mulk huquqini rasmiylashtirish",
        "Meros yoki hadya qilingan uyni kadastrda ro'yxatdan o'tkazish va kadastr pasportini olish.",
        "Davlat xizmatlari markazi",
        "Pasport, meros (hadya) guvohnomasi, kadastr hujjatlari",
        "Du–Sha, 9:00–18:00",
        "Amir Temur shoh ko'chasi, 91 (Davlat xizmatlari markazi)",
        "1188",
        "legal",
    ],
    [
        "Oilaviy nizolarda yarashtirish",
        "Mahalla xotin-qizlar faoli va psixolog oilaviy kelishmovchiliklarda maslahat va yarashtirish suhbatini o'tkazadi.",
        "Mahalla fuqarolar yig'ini",
        "Hech narsa talab qilinmaydi; oldindan qo'ng'iroq qilsangiz yaxshi",
        "Du–Ju, 10:00–17:00",
        "Mahalla guzari binosi",
        "+998 71 235 40 40",
        "family",
    ],
    [
        "Himoya orderi berish",
        "Tazyiq yoki zo'ravonlikdan jabrlangan shaxsga himoya orderi beriladi; profilaktika inspektori rasmiylashtiradi.",
        "Profilaktika inspektori",
        "Pasport; bo'lsa, tibbiy ko'rik xulosasi",
        "Har kuni, kecha-kunduz (shoshilinch holatda 102)",
        "Mahalla tayanch punkti",
        "102",
        "family",
    ],
    [
        "Profilaktika inspektorining qabuli",
        "Mahalla profilaktika inspektori fuqarolarni shaxsan qabul qiladi: tartibbuzarlik, xavfsizlik va qo'shnichilik masalalari.",
        "Yunusobod tumani IIB profilaktika inspektori",
        "Pasport",
        "Se, Pa, 18:00–20:00; Sha, 10:00–13:00",
        "Mahalla tayanch punkti",
        "+998 71 235 02 02",
        "safety",
    ],
    [
        "Ko'chaga yoritish chiroqlarini o'rnatish va ta'mirlash",
        "Ishlamayotgan ko'cha chiroqlari va yoritilmagan hovlilar haqida xabar berish; tuzatish navbatga qo'yiladi.",
        "Tuman hokimligi obodonlashtirish bo'limi",
        "Manzil va imkon bo'lsa, surat",
        "Du–Ju, 9:00–18:00",
        "Yunusobod tumani hokimligi, Amir Temur shoh ko'chasi, 99",
        "+998 71 235 11 11",
        "utilities",
    ],
    [
        "Tabiiy gaz tarmog'iga ulanish",
        "Yangi uy yoki xonadonni gaz tarmog'iga ulash uchun texnik shartlar va ulanish.",
        "Hududgaztaminot, Yunusobod filiali",
        "Pasport, mulk hujjati, uy loyihasi (yangi qurilishda)",
        "Du–Ju, 9:00–17:00",
        "Bog'ishamol ko'chasi, 13",
        "1104",
        "utilities",
    ],
    [
        "Elektr tarmog'iga ulanish va hisoblagich o'rnatish",
        "Yangi ulanish, quvvatni oshirish va aqlli hisoblagich o'rnatish bo'yicha ariza.",
        "Hududiy elektr tarmoqlari korxonasi",
        "Pasport, mulk hujjati",
        "Du–Ju, 9:00–18:00",
        "Yunusobod 11-mavze, 3-uy",
        "1220",
        "utilities",
    ],
    [
        "Ichimlik suvi va kanalizatsiyaga ulanish",
        "Xonadonni markaziy suv ta'minoti va kanalizatsiyaga ulash, suv hisoblagichini o'rnatish.",
        "Suvsoz, Yunusobod tuman bo'limi",
        "Pasport, mulk hujjati",
        "Du–Ju, 9:00–17:00",
        "Kichik halqa yo'li, 7",
        "1055",
        "utilities",
    ],
    [
        "Yoshlar uchun kasb-hunar kurslari",
        "Ishsiz yoshlar uchun bepul kasb o'rganish kurslari va ish bilan ta'minlash markaziga yo'llanma.",
        "Tuman bandlikka ko'maklashish markazi",
        "Pasport, diplom (bo'lsa)",
        "Du–Ju, 9:00–18:00",
        "Yunusobod 19-mavze, 5-uy",
        "+998 71 226 77 88",
        "social",
    ],
    [
        "Yolg'iz keksalarga uyda parvarish",
        "Yolg'iz yashovchi keksalar va nogironligi bor shaxslarga ijtimoiy xodimning uyda yordami.",
        "Tuman ijtimoiy himoya bo'limi",
        "Pasport, pensiya guvohnomasi",
        "Du–Ju, 9:00–18:00",
        "Amir Temur shoh ko'chasi, 107",
        "+998 71 234 56 72",
        "",
    ],
];

/// Writes the demo catalogue when it is empty; returns how many services were written.
pub async fn seed(storage: &Storage) -> Result<usize, StorageError> {
    if !storage
        .services(ServicesShown::WithWithdrawnOf(None))
        .await?
        .is_empty()
    {
        return Ok(0);
    }
    let Some(district) = storage
        .districts()
        .await?
        .into_iter()
        .find(|d| d.name == YUNUSOBOD.name)
    else {
        return Ok(0);
    };
    let note = AuditNote {
        actor_id: None,
        actor_role: "system".to_owned(),
        action: AuditAction::ServiceSaved,
        appeal: None,
        subject_id: None,
        address: String::new(),
        detail: "demo".to_owned(),
    };
    for [name, what, provider, bring, hours, address, phone, category] in SERVICES {
        let draft = ServiceDraft {
            district_id: Some(district.id),
            name: name.into(),
            what: what.into(),
            provider: provider.into(),
            bring: bring.into(),
            hours: hours.into(),
            address: address.into(),
            phone: phone.into(),
            category: category.into(),
            active: true,
            ..ServiceDraft::default()
        };
        let Ok(valid) = draft.validate(|id| id == district.id) else {
            tracing::error!(name, "a demo service does not pass its own validation");
            continue;
        };
        storage.save_service(&valid, &note).await?;
    }
    Ok(SERVICES.len())
}
