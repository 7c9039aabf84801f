//! The threats the urgency tests prove, each written as people write it in Latin Uzbek,
//! Cyrillic Uzbek and Russian; the reported basement fire among them.

use crate::corpus::Lang;

/// One threat, as people write it in each script.
pub(super) struct Threat {
    pub(super) latin: &'static [&'static str],
    pub(super) cyrillic: &'static [&'static str],
    pub(super) russian: &'static [&'static str],
}

impl Threat {
    pub(super) fn phrases(&self) -> impl Iterator<Item = (Lang, &'static str)> + '_ {
        let latin = self.latin.iter().map(|t| (Lang::UzLatn, *t));
        let cyrillic = self.cyrillic.iter().map(|t| (Lang::UzCyrl, *t));
        let russian = self.russian.iter().map(|t| (Lang::Ru, *t));
        latin.chain(cyrillic).chain(russian)
    }
}

/// The sentence of the user report.
pub(super) const REPORTED: &str =
    "Кўп қаватли уйнинг ертўласида ёнғин чиқди, тутун зинапояга тарқалмоқда!";

pub(super) const BASEMENT_FIRE: Threat = Threat {
    latin: &["Ko'p qavatli uyning yerto'lasida yong'in chiqdi, tutun zinapoyaga tarqalmoqda!"],
    cyrillic: &[REPORTED, "Ертўлада ёнғин, тутун подъездни қоплади"],
    russian: &[
        "В подвале многоэтажки пожар, дым поднимается по лестнице!",
        "Горит подвал, в подъезде задымление",
    ],
};

pub(super) const FIRE: Threat = Threat {
    latin: &[
        "Yong'in! Qo'shnimizning uyi yonyapti, tezroq keling",
        "Garajimizda olov chiqyapti, ichida gaz ballon bor",
        "Qo'shni hovlidagi omborxona alangalanib ketdi",
        "Uyimizning tomi yonib ketdi, o't o'chiruvchilarni chaqirdik",
        "Do'konga kimdir o't qo'yib ketdi, hozir yonmoqda",
        "Bozorda yong'in boshlandi, olov ko'rinyapti",
        "Ko'chadagi mashina yonib turibdi, yonida bolalar",
    ],
    cyrillic: &[
        "Ёнғин! Кўп қаватли уйнинг учинчи қаватида ёнғин бўляпти",
        "Ҳовлимиздаги омборхонадан олов чиқяпти, тезроқ келинглар",
        "Бозордаги дўкон ёниб кетяпти, олов тарқалмоқда",
        "Ҳовлидаги машина ёниб турибди, ичида ҳеч ким йўқ",
        "Кимдир омборимизга ўт қўйди, ҳамма ёқ ёняпти",
        "Ўтинхона алангаланиб кетди, ўт ўчирувчиларни чақирдик",
        "Бозорда ёнғин бошланди, олов кўриняпти",
    ],
    russian: &[
        "Пожар! Горит квартира на третьем этаже",
        "У соседей загорелся сарай, огонь перекинулся на забор",
        "Горит мусоропровод, пламя видно из окна",
        "В гараже полыхает машина, вызвали пожарных",
        "Подожгли дверь квартиры, пожарные уже едут",
        "Загорается проводка на кухне",
    ],
};

pub(super) const SMOKE: Threat = Threat {
    latin: &[
        "Podvaldan qora tutun chiqyapti, hammasi podezdga tarqaldi",
        "Zinapoyani tutun qopladi, yuqoridagilar tusha olmayapti",
        "Elektr hisoblagichdan yonish hidi kelyapti",
        "Tutun uyga kirmoqda, bolalar yo'talyapti",
    ],
    cyrillic: &[
        "Ертўладан қуюқ тутун чиқяпти, подъездда нафас олиб бўлмаяпти",
        "Қўшнининг уйидан куйган ҳид келяпти, эшикни очмаяпти",
        "Хона тутунга тўлди, болалар ичкарида",
        "Тутун уйга кирмоқда, болалар йўталяпти",
    ],
    russian: &[
        "В подъезде сильное задымление, ничего не видно",
        "Из подвала валит дым",
        "Дым идёт из окон соседей",
        "Щиток в коридоре дымится",
        "В квартире пахнет гарью",
        "Дым в подъезде, дети на пятом этаже",
    ],
};

pub(super) const GAS: Threat = Threat {
    latin: &[
        "Podyezdda gaz hidi kelyapti!",
        "Gaz qattiq hidi kelyapti",
        "Hovlidagi quvurdan gaz sizib chiqyapti",
        "Gaz quvuri teshilib, gaz vishillayapti",
        "Plitadan gaz ketyapti, kranni yopolmayapmiz",
        "Ekskavator gaz quvurini urib yordi",
    ],
    cyrillic: &[
        "Подъездда газ ҳиди келяпти, тез келинглар",
        "Газ қувури ёрилиб кетди, газ отилиб чиқяпти",
        "Ошхонада газ сизяпти, ҳид кучли",
        "Газ баллондан газ оқяпти, ҳамма ҳовлига чиқди",
    ],
    russian: &[
        "В подъезде сильно пахнет газом",
        "Запах газа на лестнице",
        "Утечка газа в подвале",
        "Газом воняет на всю квартиру",
        "Газ шипит из трубы",
        "Травит газ на кухне",
    ],
};

pub(super) const EXPLOSION_OR_POISONING: Threat = Threat {
    latin: &[
        "Qo'shni uyda gaz ballon portladi",
        "Kechasi is gazidan zaharlanib qolishdi",
    ],
    cyrillic: &[
        "Ошхонада кучли портлаш бўлди, деворлар ёрилди",
        "Кечаси ис газидан заҳарланишди",
    ],
    russian: &[
        "В соседнем доме взрыв, выбило окна",
        "Соседи угорели, в доме угарный газ",
        "Ребёнок отравился таблетками",
    ],
};

pub(super) const LIVE_WIRE: Threat = Threat {
    latin: &[
        "Ko'chada elektr simi uzilib yerga tushdi",
        "Uzilgan sim yerda yotibdi, bolalar o'ynayapti",
        "Elektr ustuni qiyshayib qoldi, simlari tortilib turibdi",
        "Vannada kranga tegsak tok uradi",
        "Bolani tok urdi!",
        "Transformatordan uchqun chiqyapti",
        "Tok ostidagi sim yerda yotibdi",
        "Rozetka chaqnayapti, uyda bolalar bor",
    ],
    cyrillic: &[
        "Кўчада электр сими узилиб ерга тушди",
        "Узилган сим ерда ётибди, болалар ўйнаяпти",
        "Устун қийшайиб қолди, ҳозир йиқилади",
        "Ваннада кранга тегсак ток уради, болалар қўрқиб кетди",
        "Қўшнимнинг ўғлини ток урди",
        "Трансформатордан учқун чиқяпти, ёнида болалар боғчаси",
        "Ток остидаги сим ҳовлида ётибди",
        "Розетка чақнаяпти, уйда болалар бор",
        "Яланғоч симлар подъездда осилиб турибди",
    ],
    russian: &[
        "Оборванный провод лежит на тротуаре",
        "Провод упал на дорогу, искрит",
        "Из стены торчат оголённые провода под напряжением",
        "Ребёнка ударило током от батареи",
        "Кран бьёт током",
        "Обрыв линии, кабель валяется на земле",
    ],
};

pub(super) const WATER_IN_THE_WIRING: Threat = Threat {
    latin: &[
        "Yerto'lani suv bosdi, suv shchitga yetib bordi",
        "Suv rozetkaga oqib tushyapti",
        "Shchitga suv kiryapti, chiroqlar o'chib-yonyapti",
    ],
    cyrillic: &[
        "Ертўлани сув босди, сув щитгача чиқди",
        "Сув розеткага оқиб тушяпти",
        "Щитга сув кирди, чироқлар ўчиб-ёняпти",
    ],
    russian: &[
        "Вода заливает электрощиток в подвале",
        "Вода дошла до щитка",
        "Вода течёт в розетку",
    ],
};

pub(super) const WEAPON: Threat = Threat {
    latin: &[
        "Qo'shnim xotinini pichoq bilan qo'rqityapti",
        "Bir yigit qo'lida to'pponcha bilan yuribdi",
        "Mast odam bolta bilan qo'rqitib, hovlida quvib yuribdi",
        "Erim seni o'ldiraman deb qichqiryapti",
    ],
    cyrillic: &[
        "Эрим пичоқ билан эшик олдида турибди",
        "Қўшним тўппонча кўрсатиб қўрқитяпти",
        "Акам болта билан қувиб юрибди",
        "Ўлдираман деб бақиряпти",
    ],
    russian: &[
        "Сосед бегает с ножом по двору",
        "У него пистолет, угрожает",
        "Муж кричит что убьёт меня",
        "Парень с битой у подъезда",
        "Грозится зарезать соседа",
        "Стреляют из ружья",
    ],
};

pub(super) const FIGHT_OR_BEATING: Threat = Threat {
    latin: &[
        "Hozir qo'shnimiz xotinini uryapti",
        "Ko'chada yigitlar urishyapti, bittasi yerda",
        "Eri uni kaltaklayapti, bolalar yig'layapti",
        "Bir odamga hujum qilishdi",
        "Bolani do'pposlashyapti",
    ],
    cyrillic: &[
        "Ҳозир қўшнимиз хотинини уряпти",
        "Кўчада йигитлар урушяпти",
        "Эри уни калтаклаяпти, болалар йиғлаяпти",
        "Бир кишига ҳужум қилишди",
    ],
    russian: &[
        "Сосед избивает жену прямо сейчас",
        "Муж бьёт детей",
        "Во дворе драка, бьют ногами",
        "Парни дерутся у школы",
        "На женщину напали у остановки",
        "Пьяный кидается на людей, порезал парня",
    ],
};

pub(super) const BLEEDING: Threat = Threat {
    latin: &[
        "Boshi yorilib qon oqyapti",
        "Yerda qonga belanib yotibdi",
        "Qo'li qonab turibdi",
    ],
    cyrillic: &[
        "Боши ёрилиб қон оқяпти",
        "Ерда қонга беланиб ётибди",
        "Қони тўхтамаяпти, ёрдам беринг",
        "Қўли қонаб турибди",
    ],
    russian: &[
        "Течёт кровь из головы",
        "Кровь идёт и не останавливается",
        "Лежит весь в крови",
        "У дочки кровь из носа",
    ],
};

pub(super) const ABDUCTION: Threat = Threat {
    latin: &[
        "Bir bolani zo'rlab mashinaga o'tqazishdi",
        "Akamni majburan olib ketishdi",
    ],
    cyrillic: &[
        "Бир қизни зўрлаб машинага солишди",
        "Йигитни мажбуран олиб кетишди, телефони ўчиқ",
    ],
    russian: &[
        "Девушку затащили в машину",
        "Похитили ребёнка у школы",
        "Мужчину насильно посадили в машину",
    ],
};

pub(super) const MISSING_CHILD: Threat = Threat {
    latin: &[
        "5 yoshli bolam yo'qoldi, topolmayapmiz",
        "Qizim maktabdan qaytmadi, telefoni o'chiq",
        "O'g'lim kecha uyga kelmadi",
        "Nevaram parkda yo'qolib qoldi",
        "O'smir o'g'lim uydan qochib ketdi",
    ],
    cyrillic: &[
        "Болам йўқолиб қолди, 6 ёшда",
        "Қизим мактабдан қайтмади, телефони ўчиқ",
        "Ўғлим кеча уйга келмади",
        "Ўғлим уйдан қочиб кетди",
        "Қизимни тополмаяпмиз",
    ],
    russian: &[
        "Пропал ребёнок, 7 лет",
        "Дочь 14 лет не пришла домой",
        "Потерялся сын на рынке",
        "Ребёнок пропал во дворе, ищем час",
        "Мальчик ушёл из дома и не отвечает",
        "Сын не вернулся из школы",
    ],
};

pub(super) const UNCONSCIOUS_OR_NOT_BREATHING: Threat = Threat {
    latin: &[
        "Buvam hushsiz yotibdi",
        "Otam hushidan ketdi",
        "Bola nafas ololmayapti",
        "Buvamiz yiqilib turolmayapti",
        "Qo'shnim polda yotibdi, javob bermayapti",
        "Odam yerda qimirlamayapti",
    ],
    cyrillic: &[
        "Бувам ҳушсиз ётибди",
        "Отам ҳушидан кетди",
        "Бола нафас ололмаяпти, ҳозир",
        "Кампир йиқилиб туролмаяпти",
        "Қўшним полда ётибди",
        "Одам ерда қимирламаяпти",
        "Бобо ўрнидан туролмаяпти",
    ],
    russian: &[
        "Мужчина без сознания у подъезда",
        "Потерял сознание на улице",
        "Ребёнок не дышит",
        "Не может дышать, задыхается",
        "Не приходит в себя",
        "Лежит на асфальте и не двигается",
    ],
};

pub(super) const HEART_STROKE_OR_FIT: Threat = Threat {
    latin: &[
        "Otamning yuragi og'riyapti, tez yordam kelmayapti",
        "Yurak xuruji bo'ldi",
        "Onamda insult bo'ldi shekilli",
        "Bolada talvasa boshlandi",
    ],
    cyrillic: &[
        "Отамнинг юраги оғрияпти",
        "Юрак хуружи бўлди, ҳозир",
        "Бувамда инсульт бўлди",
        "Болада қаттиқ талваса",
    ],
    russian: &[
        "Плохо с сердцем у соседа",
        "Сердечный приступ у отца",
        "Сердце болит, не может встать",
        "У мамы инфаркт",
        "Судороги у ребёнка",
    ],
};

pub(super) const DROWNING: Threat = Threat {
    latin: &[
        "Bola ariqqa tushib ketdi!",
        "Kanalda bola cho'kyapti",
        "Muz yorildi, bola suvga tushib ketdi",
        "Ariqqa kichkina bola tushib ketdi",
        "Hovuzda bola g'arq bo'lyapti",
    ],
    cyrillic: &[
        "Бола ариққа тушиб кетди!",
        "Каналда бола чўкяпти",
        "Ариққа кичкина бола тушиб кетди",
        "Ҳовузда бола ғарқ бўляпти",
    ],
    russian: &[
        "На речке тонет ребёнок",
        "Мальчик упал в арык",
        "Рыбак провалился под лёд",
    ],
};

pub(super) const BOILING_WATER_OR_STEAM: Threat = Threat {
    latin: &[
        "Quvur yorilib qaynoq suv otilyapti",
        "Qaynoq suv podezdga oqyapti",
        "Xona bug'ga to'ldi",
    ],
    cyrillic: &[
        "Иссиқ сув қувури ёрилиб, қайноқ сув отиляпти",
        "Қайноқ сув оқяпти",
        "Хона буғга тўлди",
    ],
    russian: &[
        "Из трубы хлещет кипяток",
        "Ребёнка ошпарило",
        "Пар валит из подвала",
    ],
};

pub(super) const TRAPPED: Threat = Threat {
    latin: &[
        "Qizim liftda qolib ketdi",
        "Lift to'xtab qoldi, ichida bolalar bor",
        "Eri uni uyga qamab ketdi",
        "Bolaning qo'li eshikka qisilib qoldi",
        "Devor tagida qolgan odam bor",
    ],
    cyrillic: &[
        "Қизим лифтда қолиб кетди",
        "Лифт тўхтаб қолди, ичида болалар бор",
        "Эри уни уйга қамаб кетди",
        "Боланинг оёғи қисилиб қолди",
        "Девор тагида қолди бир киши",
    ],
    russian: &[
        "Застряли в лифте с ребёнком",
        "Муж запер меня с детьми",
        "Человек под завалами",
        "Рабочего придавило плитой",
    ],
};

pub(super) const COLLAPSE: Threat = Threat {
    latin: &[
        "Balkon plitasi qulab tushdi",
        "Devor qulayapti, odamlar o'tyapti",
        "Uyning tomi o'pirilib tushdi",
    ],
    cyrillic: &[
        "Балкон плитаси қулаб тушди",
        "Девор қулаяпти",
        "Мактабнинг томи ўпирилиб тушди",
    ],
    russian: &[
        "Обрушился балкон",
        "Рухнула стена",
        "Обваливается потолок в подъезде",
    ],
};

pub(super) const BREAK_IN: Threat = Threat {
    latin: &[
        "Hozir o'g'ri qo'shnining uyiga kiryapti",
        "Uyga o'g'ri kirib oldi, hozir ichkarida",
        "Kimdir derazadan kiryapti",
        "Begona odam devoridan oshib tushdi, hovlida yuribdi",
        "Eshikni buzyapti",
        "Mashinani o'g'irlayapti",
        "Qulfni ochishga urinyapti",
    ],
    cyrillic: &[
        "Ҳозир ўғри қўшнимнинг уйига кирди",
        "Уйга ўғри кириб олди, ҳозир ичкарида",
        "Деворидан ошиб тушди, ҳовлида юрибди",
        "Ҳозир кимдир деразадан киряпти",
        "Ҳозир кимдир дарвозани тепяпти",
        "Машинани ўғирлаяпти",
        "Кимдир эшикни очишга уриняпти, қулфни бураяпти",
    ],
    russian: &[
        "Кто-то лезет через балкон",
        "Дверь ломают",
        "Ломится в квартиру",
        "Угоняют машину",
        "Кто-то пытается открыть дверь",
        "Снимают колёса с машины",
    ],
};

pub(super) const SUICIDE: Threat = Threat {
    latin: &[
        "O'g'lim o'zini tashlayman deyapti",
        "Yashagim kelmayapti deb yozdi",
        "O'z joniga qasd qilmoqchi",
    ],
    cyrillic: &[
        "Ўзимни ташлайман деб турибди",
        "Ўғлим яшагим келмаяпти деди",
        "Жонига қасд қилмоқчи",
    ],
    russian: &[
        "Сосед хочет покончить с собой",
        "Сидит на краю крыши",
        "Говорит что не хочет жить",
        "Жить не хочу, пишет",
    ],
};

pub(super) const ROAD_ACCIDENT: Threat = Threat {
    latin: &[
        "Mashina bolani urib ketdi",
        "Chorrahada avariya bo'ldi, odamlar yaralangan",
        "Mashina ag'darildi, ichida odam bor",
    ],
    cyrillic: &[
        "Машина болани уриб кетди, ҳайдовчи қочди",
        "Чорраҳада авария бўлди",
        "Машина ағдарилди",
    ],
    russian: &[
        "Машина сбила ребёнка",
        "ДТП на перекрёстке, люди пострадали",
        "Наехал на пешехода и уехал",
    ],
};

pub(super) const DOG_ATTACK: Threat = Threat {
    latin: &[
        "Katta it bolani tishlab oldi",
        "Itlar odamlarga tashlanyapti",
    ],
    cyrillic: &[
        "Катта ит ўғлимни тишлаб олди",
        "Итлар одамларга ташланяпти, ҳозир",
    ],
    russian: &["Собака укусила ребёнка", "Собаки напали на девочку"],
};

/// Every threat above.
pub(super) const THREATS: &[&Threat] = &[
    &BASEMENT_FIRE,
    &FIRE,
    &SMOKE,
    &GAS,
    &EXPLOSION_OR_POISONING,
    &LIVE_WIRE,
    &WATER_IN_THE_WIRING,
    &WEAPON,
    &FIGHT_OR_BEATING,
    &BLEEDING,
    &ABDUCTION,
    &MISSING_CHILD,
    &UNCONSCIOUS_OR_NOT_BREATHING,
    &HEART_STROKE_OR_FIT,
    &DROWNING,
    &BOILING_WATER_OR_STEAM,
    &TRAPPED,
    &COLLAPSE,
    &BREAK_IN,
    &SUICIDE,
    &ROAD_ACCIDENT,
    &DOG_ATTACK,
];
