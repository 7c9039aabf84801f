//! The urgency rules, threat by threat: Uzbek (Latin and Cyrillic, normalised to Latin) and
//! Russian (transliterated) phrasings of a present danger, in the notation described in
//! [`super`]. Every rule is proved by tests in all the scripts it serves.

use super::Rule;

/// `[part, part, …] unless [word, …]`, as a `Rule`.
macro_rules! rules {
    ($([$($word:expr),+ $(,)?] $(unless [$($not:expr),+ $(,)?])?),* $(,)?) => {
        &[$(Rule { words: &[$($word),+], unless: &[$($($not),+)?] }),*]
    };
}

/// Words about lamps, stoves and fires that are meant to burn.
macro_rules! meant_to_burn {
    () => {
        concat!(
            "chiroq|fonar|lampa|lampoch|svet|pech|plita|konfork|",
            "gorelk|gulxan|tandir|mangal|kamin|svech|kostr|kostyor"
        )
    };
}

/// Children and relatives, in Uzbek, as the subject of "yo'qoldi".
macro_rules! uzbek_kin {
    () => {
        concat!(
            "bola|qiz|ogl|ogil|nevara|nabira|farzand|ukam|singl|",
            "onam|otam|buvi|bobo|erim$|kampir|qariya|yosh"
        )
    };
}

/// Children and relatives, in Russian, as the subject of «пропал».
macro_rules! russian_kin {
    () => {
        concat!(
            "rebyon|rebenok|rebenk|doch|sin$|sina$|sinok|malchik|devochk|plemyann|",
            "vnuk|vnuchk|podrost|mama$|otets|babushk|dedushk"
        )
    };
}

/// Into water or a pit ("suvga", "ariqqa", "quduqqa" …), and more places if given.
macro_rules! into_water {
    () => {
        "suvga|ariqqa|kanalga|hovuzga|daryoga|kolga|quduqqa|zovurga|chuqurga|lyukka"
    };
    ($more:literal) => {
        concat!(into_water!(), "|", $more)
    };
}

/// Every rule, in the order they are tried.
pub(super) const RULES: &[Rule] = rules![
    // Gas: a smell, a leak, a hissing pipe, an explosion; carbon monoxide, poisoning.
    ["gaz", "hid"] unless ["yoq$", "kelmay", "sezilmay"],
    ["gaz", "siz+|otil+|vishilla|shiqilla"],
    ["gaz", "oq~|ket~|chiq~"] unless ["ochib", "ochdi", "bosim", "berib", "yoq$"],
    ["gaz", "quvur|trub|ballon", "teshil+|yoril+|yor+|uzil+|sindi"],
    ["zapax|paxn|vonya|nesyot|neset", "gaz"] unless ["ne$", "net$"],
    ["gazom", "paxn|vonya|nesyot|neset"] unless ["ne$", "net$"],
    ["utechk", "gaz"],
    ["gaz", "utek|shipit|travit"],
    ["travit", "gaz"],
    ["portla+|portlash"] unless ["xavf", "mumkin", "qorq"],
    ["vzriv$|vzriva$|vzorval"] unless ["opasn", "ugroz", "mojet", "grozit"],
    ["is$", "gaz"] unless ["ehtiyot", "xavf", "mumkin", "datchik"],
    ["ugor|ugarn"] unless ["datchik", "ostorojn"],
    ["zaharlan+"] unless ["deyishyapti", "emish"],
    ["otravil|otravlen"] unless ["ne$"],
    // Fire now.
    ["yongin", "chiq+|boshlan+|bol~|ket~|tarqal+"],
    ["yongin$"] unless [
        "xavf", "qarshi", "ochir", "bolsa", "bolishi", "bolgan", "bolmasin", "chiqsa", "chiqish",
        "chiqadi", "chiqma", "chiqar", "mumkin", "boyicha", "haqida", "otgan", "yilgi",
    ],
    ["olov|alanga", "chiq+|tarqal+|korin~|qopla+|kotaril+|yet+"],
    ["alangalan+"] unless ["mumkin", "xavf"],
    ["yon~"] unless [meant_to_burn!(), "ochib"],
    ["yonib", "tur~|turibdi|ket~"] unless [meant_to_burn!(), "ochib"],
    ["ot$", "ketdi|oldi|olib|qoydi|qoygan|qoyib|qoyish|ket~|chiq+"],
    ["yonish|kuyish|kuygan|tutun", "hid"] unless ["axlat", "xazon", "barg", "shina"],
    ["ot$", "ochiruvchi", "chaqir|qongiroq|kel|yetib"],
    ["pojar$|pojara$|pojare$|pojarom$"] unless [
        "bezopasn", "slucha", "mojet", "ugroz", "opasn", "boim", "boyus", "proshl",
    ],
    ["gorit$|goryat$|gorim$"] unless [meant_to_burn!(), "ne$", "indikator", "ekran", "knopk"],
    ["zagorel|zagorayets|vosplamen|polixa|podojgl"],
    ["plamya|plameni|plamenem|ogon$|ognyom$|ognem$"] unless [
        meant_to_burn!(), "razvod", "razjig", "slab", "nizk",
    ],
    ["vizv", "pojarn"],
    ["pojarn", "yedut|yexal|priyex|tush"],
    // Smoke.
    ["tutun", "chiq+|tarqal+|qopla+|bos+|burq|kotaril+|tol+|kir~"] unless [
        "mori", "pech", "tandir", "mangal", "choyxona", "axlat", "xazon", "shina", "kabob",
    ],
    ["zadim"] unless ["datchik"],
    ["dimits|dimit$|dimyat"] unless [
        meant_to_burn!(), "trub", "shashl", "zavod", "sigaret", "kalyan",
    ],
    ["dim$", "valit|povalil|stolbom|idyot$|idet$|poshyol|poshel|zapolnil|zapolnyayet"] unless [
        meant_to_burn!(), "trub", "musor", "list", "shashl", "sigaret", "kalyan",
    ],
    [
        "dim$|dima$|dimom$|dimu$",
        concat!(
            "podyezd|podval|lestnits|koridor|etaj|kvartir|okn|shchit|krish|balkon|",
            "kuxn|musoroprovod|zdani|shkol"
        ),
    ] unless [
        meant_to_burn!(), "trub", "musor", "list", "shashl", "sigaret", "kalyan",
    ],
    ["podyezd|podval|lestnits|koridor|kvartir|etaj", "dim$|dimu$|dima$|dimom$"],
    [
        "zapax|paxn|vonya|nesyot|neset",
        "gari$|garyu$|gorelim$|gorelogo$|gorelo$|palyon|palen|jjyon|jjen|dimom$|dima$",
    ] unless [
        "ne$", "net$", "musor", "shashl", "mangal", "kostr", "list",
    ],
    // Electricity: a fallen or bare wire, shocks, sparks, water in the wiring.
    ["sim", "yerga|yerda|yerde|tush+|uzil+"] unless [
        "internet", "telefon", "kabel", "antenna", "optik",
    ],
    ["uzilgan|yiqilgan|tushgan|yalangoch|yalang|ochiq", "sim"] unless [
        "internet", "telefon", "kabel",
    ],
    ["ustun|simyogoch", "yiqil+|qiyshay+|qula+"],
    ["tok$|elektr$", "ur+|uradi$"],
    ["tok$", "ostida"] unless ["emas", "yoq$"],
    ["uchqun", "chiq+|chiqar~|sach+|ot~|chaqna+"] unless ["payvand"],
    ["sim|shchit|shit$|rozetka|transformator|kabel", "chaqna+|chirsilla|uchqun|qizib"],
    ["oborv|obriv|upavsh", "provod|kabel|liniy|linii$"],
    ["provod|kabel", "oborv|upal|lejit|lejat|valyayets|iskr|ogol|dimit|gorit|plav"],
    ["ogol", "provod|kabel"],
    ["pod$", "napryajen"] unless ["ne$", "net$", "bez$"],
    ["udar|byot$|byet$|dernul|dyornul", "tok"],
    ["iskrit|iskryat|iskri$|iskra$|iskrami$"],
    ["suv", "shchit|shit$|shitga|shitgacha|rozetka|provodka|simlarga|simga"],
    ["shchit|shit$|shitga|rozetka|provodka", "suv"] unless ["hisoblagich"],
    [
        "voda|vodoy|zaliva|zalil|zatop|podtop|dosh|tech|protek|kapa",
        "shchit|elektroshchit|rozetk|provodk",
    ],
    // Weapons and threats to kill.
    ["pichoq"] unless ["gildira", "shina", "balon", "oshxona", "charx", "qayra", "sotib", "dokon"],
    ["topponcha|miltiq|qurol"] unless ["ruxsat", "litsenz", "ov$", "sport", "oquv"],
    [
        "bolta|tesha|ketmon|tayoq|zanjir|kaltak|shisha|temir",
        "bilan",
        "qorqit|quv|tashlan|ur~|urib|chop|hujum",
    ],
    ["noj$|nojom$|noja$|nojami$|pistolet|rujyo|rujya$|rujye$|rujyom|rujyem|orujiy|obrez|travmat"],
    ["s$", "toporom$|bitoy$|molotkom$|armaturoy$|nojom$|pistoletom$"],
    ["oldir+|oldira|oldirmoqchi|oldirib"] unless [
        "chivin", "pashsha", "kalamush", "sichqon", "hasharot",
    ],
    ["ubyu$|ubyot$|ubyet$|ubyom$|ubyut$|ubit$|ubiva|zarej|zarez|zastrel|pristrel"] unless [
        "tarakan", "krys", "vremya", "mux", "komar", "poka$", "jdyom$", "jdem$",
    ],
    // Violence now: beating, a fight, an attack, blood.
    ["ur~|kaltakla+|kaltaklash~|dopposla+|savala+|mushtla+"] unless [
        "mix", "gilam", "bolg", "zang", "baraban", "qongiroq", "signal", "koptok",
    ],
    ["byot$|byet$|byut$|byutsya$|izbiva|izbil|deruts|draka$|draku$|drake$"] unless [
        "butil", "stekl", "posud", "rekord", "chasi$", "tok$", "tokom$",
    ],
    [
        concat!(
            "napal|napali|napala|napada|nabrosil|kidayets|kinulsya|kinulas|",
            "porezal$|porezali$|pirnul|udaril$|udarili$|udarila$"
        ),
    ] unless [
        "mashin", "avto", "bamper", "vchera", "koshk",
    ],
    ["hujum"] unless ["kiber", "xaker", "kompyuter", "virus"],
    ["qon$|qoni$", "ket~|oq~|chiq~|toxtamay|tinmay"] unless [
        "bosim", "analiz", "topshir", "donor", "tekshir",
    ],
    ["qonab|qonagan|qonayap|qonayot"],
    ["qonga", "belan+|botib"],
    ["krov$|krovi$|krovyu$", "id|tech|xleshch|lyot|lyet|iz$|istek"] unless [
        "analiz", "sdat", "sdach", "sdal", "davlen", "donor", "perelivan", "saxar",
    ],
    ["tech|idyot|idet|xleshch|lyot|lyet|istek", "krov$|krovi$|krovyu$"],
    ["v$", "krovi$"] unless ["analiz", "saxar", "alkogol"],
    ["zorlab|majburan|zorla+", "mashina|olib|sol+|otqaz+|tiqib"],
    [
        "poxitil|poxitit",
        "rebyon|rebenk|rebenok|devochk|malchik|chelovek|jenshin|muj|sin$|sina$|doch",
    ],
    ["zatashch|zatolk|zapixn|nasilno|siloy", "mashin|avto|bagaj|posad|uvez"],
    // A child or a person missing.
    [uzbek_kin!(), "yoqol+|topolmay|topilmay"] unless [
        "hujjat", "pasport", "guvohnoma", "metrika", "telefon", "sumka", "velosiped", "mashina",
        "karta", "kitob", "pul$",
    ],
    [
        "uyga|uyiga|maktabdan|bogchadan",
        "kelmadi|qaytmadi|kelmayapti|qaytmayapti|kelmagan|qaytmagan",
    ],
    ["uydan", "qoch+"],
    [russian_kin!(), "propal|poteryal|ischez"] unless [
        "dokument", "pasport", "telefon", "svidetel", "metrik",
    ],
    ["propal|poteryal|ischez", russian_kin!()] unless [
        "dokument", "pasport", "telefon", "svidetel", "metrik",
    ],
    ["ne$", "prish|vernul|vozvrash|yavil", "domoy|iz$|s$"] unless [
        "pensi", "zarplat", "dengi", "posilk", "otvet",
    ],
    ["ushyol|ushel|ushla|ushli|sbejal|sbejala", "iz$", "doma$"],
    // Someone unconscious, not breathing, fallen and unable to rise; heart, stroke, fits.
    ["hushsiz|behush"],
    ["hush", "ket+|yoqot+"],
    ["nafas", "ololmay|olmay|yoq$|toxta+|qisil+|zorga|bogil+"],
    ["qimirlamay|qimirlamas"] unless ["mashina", "lift", "tirbandlik", "navbat", "ish$"],
    ["yiqil+|ornidan", "turolmay|turolmas|qimirla"],
    ["polda|yerda|asfaltda|zinada|yolda", "yotibdi|yotibti|yotipti"] unless [
        "axlat", "musor", "qogoz", "barg", "shox", "gisht", "sim",
    ],
    ["bez$", "soznan|chuvstv"],
    ["poter|teryayet|teryal", "soznan"],
    ["ne$", "dishit"],
    ["ne$", "mojet|mojyet|mogu|mojem", "dishat|vstat"],
    ["zadix"] unless ["mangal", "shashl", "musor", "pil$", "pili$"],
    ["ne$", "prixod", "v$", "sebya$"],
    ["ne$", "dvigayets|shevelits|reagir|otziva"],
    ["lejit|lejat", "na$", "polu$|asfalt|zemle$|lestnits|doroge$|ulitse$"] unless [
        "musor", "vetk", "derev", "sneg",
    ],
    ["yurak|yuragi", "ogri~|xuruj|toxta+|sanchi~"],
    ["infarkt|insult"] unless [
        "bolgan", "otkazgan", "kasal", "perenyos", "perenes", "posle", "keyin", "nogiron", "yotib",
        "parvarish",
    ],
    ["serds", "bolit|pristup|prixvat|ploxo|ostanov"],
    ["ploxo", "s$", "serds"],
    ["serdechn", "pristup"],
    ["talvasa|sudorog|tutqanoq"] unless ["kasal", "doim"],
    // Drowning, a fall into water or a pit.
    ["chok+"] unless [
        "edi$", "ekan$", "otgan", "oldin", "yol$", "asfalt", "poydevor", "devor", "tuproq",
    ],
    [into_water!("muzga"), "tush+|yiqil+|qula+|ket+"] unless [
        "oz$", "ozgina", "chomil", "suzish", "suzyap", "edi$",
    ],
    [into_water!(), "bola|odam|kishi|qiz|ogil|kampir|chol", "tush+|yiqil+|ket+"] unless [
        "oz$", "ozgina", "chomil", "edi$",
    ],
    ["garq", "bol+"] unless ["qarz"],
    ["tonet$|tonut$|utonul|utonu|utopa|tonul"] unless ["dolg", "musor", "gryaz", "luj"],
    [
        "upal|upala|upali|provalil|svalil|sorval",
        "v$|pod$",
        "vodu$|arik|kanal|kolodets|lyuk|yam|reku$|ozero|bassey|prorub|lyod$|led$",
    ] unless [
        "chut$", "edva", "pochti",
    ],
    // Boiling water and steam; people trapped.
    ["qaynoq", "suv", "otil+|oq~|sachra+|chiq~|toshib|bos+|kuy+|kuydir+"],
    ["bug$|bugga|bugi$", "tol+|bos+|otil+|qopla+"] unless ["hammom", "sauna", "choy", "ovqat"],
    ["kipyatok|kipyatkom|kipyatka|kipyatku"],
    ["oshpar|obvar"],
    ["par$", "valit|podnim|zapoln|byot$|byet$"],
    ["liftda|liftga", "qol+|qamal+|qisil+"],
    ["lift", "toxta+|qol+", "ichida"],
    ["zastryal|zastryala|zastryali"] unless ["probk", "trafik"],
    ["qamab", "ket+|qoy+"],
    ["zaper|zakril", "menya|nas$|detey|rebyon"],
    ["qisil+"] unless ["pul$", "vaqt", "moliya"],
    [
        "devor|tom$|tomi$|shift|vayrona|plita|gisht|balkon|daraxt",
        "tagida|ostida",
        "qol+|qoldi$|qolgan",
    ],
    ["pod$", "zaval|oblomk"],
    ["pridav|zavalil"],
    // A collapse.
    ["qula+"] unless [
        "mumkin", "xavf", "tushishi", "tushadi", "tushmasin", "tushmasdan", "yaqin", "edi$",
    ],
    ["tom|shift|devor|balkon|zina|potolok|yertola", "opiril+"] unless ["mumkin", "xavf"],
    [
        concat!(
            "obrushil|obrushit|obrushayets|obrushivayets|ruxnul|ruxnula|ruxnuli|ruxnulo|",
            "obvalil|obvalivayets|obvalivayuts"
        ),
    ] unless [
        "napolovinu", "chastichno", "davno", "mojet", "ugroz",
    ],
    // A break-in or a theft under way.
    ["hozir$|hozirgina", "ogri|begona"],
    ["ogri", "kir~|kirib|tush~"],
    [
        "derazadan|devordan|devoridan|balkondan|darvozadan|panjaradan|tomdan",
        "kir~|kirib|osh~",
    ] unless [
        "kecha$", "kechasi", "otgan", "oldin", "hafta",
    ],
    [
        "derazadan|devordan|devoridan|balkondan|darvozadan|panjaradan|tomdan",
        "oshib",
        "tush+|kir+",
    ] unless [
        "kecha$", "kechasi", "otgan", "oldin", "hafta",
    ],
    ["eshik|qulf|darvoza|deraza|oyna", "buz~|sindir~|tep~"],
    ["ochishga|buzishga|sindirishga", "urin"],
    ["ogirla~|ogirlash~|ugirla~|ugirlash~"] unless ["kechalari", "har$", "doim", "tez$", "bazan"],
    ["lezet$|lezut$|zalez|vlez|perelez"] unless ["internet", "dush"],
    ["lomits|lomyats|vzlamiva|vskriva|ugonya|lomayet$|lomayut$|vibiva"] unless ["golov"],
    ["dver|zamok", "lomay|lomayet|lomayut|vzlom|vibiv"],
    ["pitayets|pitayuts|pitalsya|pitalis", "otkrit|vskrit|vzlomat|slomat"],
    ["snimayut|otkruchiva", "koly|koles|nomer"] unless [
        "vecheram", "nocham", "chasto", "postoyan", "kajd",
    ],
    // Suicide, despair.
    [
        "ozini|ozimni|ozingni",
        "osmoq|osaman|osib|osdi$|oldir|tashlay|tashlamoqchi|tashladi|yoqmoqchi|kesmoqchi",
    ],
    ["joniga", "qasd"],
    ["yashagi|yashashni|yashashdan", "kelmay|xohlamay|toy"],
    ["suitsid|pokonchit|povesits|povesils|povesilas|vibrosits|brositsya|sprignu|samoubiy"],
    ["jit$", "ne$", "xoch"] unless ["s$", "vmeste", "tam$", "zdes"],
    ["ne$", "xoch|xochet|xochu", "jit$"] unless ["s$", "vmeste", "tam$", "zdes"],
    ["krayu$", "mosta|krishi|balkona|okna"],
    // A road accident.
    ["mashina$|mashinasi$|haydovchi|avtobus$|moshina$", "ur+|bos+", "ket+"] unless [
        "kecha$", "otgan", "oldin", "quvur", "truba", "darvoza", "devor", "ustun",
    ],
    ["avariya$", "bol+"] unless [
        "sabab", "suv", "svet", "elektr", "tok$", "quvur", "gaz", "liniya", "tarmoq", "podstansiya",
        "marta", "necha",
    ],
    ["agdaril+|agdarilgan"] unless ["mumkin"],
    ["sbil|sbila|sbili|nayexal|zadavil|zadavila|perevernul"] unless [
        "senu", "tolku", "grafik", "nastroyk", "vchera", "proshl", "godu", "kozu", "koshku",
        "sobaku",
    ],
    ["dtp$"] unless ["pogib", "godu", "proshl", "nazad"],
    // A dog attacking.
    [
        "it$|itlar|iti$|itlari|ovcharka|alabay|daydi",
        "tishla+|tashlan~|tashlanib|hujum|quv~",
    ] unless [
        "oldin", "otgan", "edi$",
    ],
    [
        "sobak|ovcharka|pyos$|psi$|alabay",
        "ukusil|pokusal|iskusal|napal|kinul|brosil|nabrosil|rvyot|vsepil",
    ],
];
