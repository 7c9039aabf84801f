//! Uzbek, Cyrillic script: the strings of the staff's work on an appeal.

use crate::i18n::work::WorkTexts;

/// Uzbek, Cyrillic script.
pub static WORK: WorkTexts = WorkTexts {
    panel_label: |number| format!("{number} мурожаати тафсилотлари"),
    panel_close: "Ёпиш",
    panel_open: |number| format!("{number} тафсилотларини очиш"),
    panel_full_page: "Алоҳида саҳифада очиш",
    actions_title: "Қўшимча ҳаракатлар",
    action_forward: "Ваколатли органга юбориш…",
    action_hand_over: "Органга топширилди",
    action_link: "Бошқа мурожаат билан боғлаш…",
    action_reject: "Мурожаат эмас деб топиш…",
    action_extend: "Муддатни узайтириш…",
    action_study: "Қўшимча ўрганиш керак…",
    action_recategorise: "Тоифани тузатиш…",
    recategorise_title: |number| format!("{number}: тоифа ва шошилинчликни тузатиш"),
    urgent_label: "Шошилинч: ҳаёт ёки соғлиққа ҳозир хавф бор",
    action_done: |number| format!("{number}: сақланди."),
    save: "Сақлаш",

    forward_title: |number| format!("{number}: ваколатли органга юбориш"),
    forward_intro: |days| {
        format!("Мурожаат ваколатли органга {days} кун ичида топширилади. Сабабини фуқаро ўқийди.")
    },
    forward_no_bodies: "Туманда органлар рўйхати бўш. Маъмур «Органлар» саҳифасида қўшади.",
    link_title: |number| format!("{number}: бошқа мурожаат билан боғлаш"),
    reject_title: |number| format!("{number}: мурожаат сифатида кўриб чиқилмайди"),
    reject_intro: "Исм ва яшаш жойи кўрсатилмаган ёки ёлғон бўлса, мурожаат кўриб чиқилмайди. У ёпилади; сабабини фуқаро ўқийди.",
    study_dialog_title: |number| format!("{number}: қўшимча ўрганиш, текширув ёки ҳужжатлар керак"),
    study_intro: "Ариза ва шикоятга жавоб муддати рўйхатга олингандан бошлаб бир ой бўлади. Таклиф бўйича фуқарога рўйхатга олинганидан кейин 10 кун ичида хабар берилади. Сабабини фуқаро ўқийди.",
    extend_title: |number| format!("{number}: жавоб муддатини узайтириш"),
    extend_intro: |latest| {
        format!("Муддат бир марта, кўпи билан {latest} гача узайтирилади. Сабабини фуқаро ўқийди.")
    },
    choose: "Танланг",

    forwarding_to: |body| format!("Ваколатли органга юборилди: {body}"),
    forwarding_due: |date| format!("Топшириш муддати: {date}"),
    handed_over_on: |date| format!("Топширилди: {date}"),
    forward_overdue: "Топшириш муддати ўтган",
    extended_from: |date| format!("Муддат узайтирилди (аввал {date} эди)"),
    rejected_title: "Мурожаат сифатида кўриб чиқилмайди",
    study_title: "Қўшимча ўрганиш, текширув ёки ҳужжатлар талаб этилади",
    links_title: "Боғланган мурожаатлар",
    reason_label: "Сабаб",

    history_forwarded: |body| format!("Ваколатли органга юбориш: {body}"),
    history_handed_over: |body| format!("Органга топширилди: {body}"),
    history_extended: |date| format!("Жавоб муддати {date} гача узайтирилди"),
    history_classified: |category, urgent| {
        if urgent {
            format!("Тизим тоифани аниқлади: {category}, шошилинч")
        } else {
            format!("Тизим тоифани аниқлади: {category}")
        }
    },
    history_classified_chosen: |system, chosen, urgent| {
        let line = format!("Тизим таклифи: {system}; фуқаро танлаган тоифа қолди: {chosen}");
        if urgent {
            format!("{line}, шошилинч")
        } else {
            line
        }
    },
    history_recategorised: |category, urgent| {
        if urgent {
            format!("Тоифа тузатилди: {category}, шошилинч")
        } else {
            format!("Тоифа тузатилди: {category}")
        }
    },
    history_study: |date| format!("Қўшимча ўрганиш керак: жавоб муддати {date}"),
    history_rejected: |ground| format!("Мурожаат сифатида кўриб чиқилмайди: {ground}"),
    history_linked: |kind, number| format!("{kind}: {number}"),
    history_evaluated: |outcome| format!("Натижа баҳоланди: {outcome}"),
    history_anonymised: "Фуқаронинг шахсий маълумотлари ўчирилди (розилик қайтариб олинган)",

    related_title: "Алоқадор мурожаатлар",
    related_intro: "Шу фуқаронинг, шу манзилнинг ва маҳалладаги сўнгги 180 кунда ўхшаш сўзлар билан ёзилган мурожаатлар. Такрорини боғланг — бир масала икки марта кўрилмасин.",
    related_none: "Алоқадор мурожаат топилмади.",
    related_likeness: |percent| format!("Сўзлари {percent}% ўхшаш"),
    related_link_label: |number, kind| format!("{number}: {kind} деб боғлаш"),
    related_as_related: "Алоқадор",
    related_as_duplicate: "Такрорий",
    related_linked: |kind| format!("Боғланган: {kind}"),
    related_reason_names: ["Шу фуқаро", "Шу манзил", "Ўхшаш матн"],

    badge_forward_by: |date| format!("Топшириш: {date}"),
    badge_forwarded: |body| format!("Юборилди: {body}"),

    bodies_title: "Ваколатли органлар",
    bodies_intro: "Мурожаатлар юбориладиган органлар: туман ИИБ, ижтимоий хизматлар, ҳокимлик ва бошқалар. Ишлатилмайдиганини ўчириб қўйинг — ўтган ёзувларда у сақланиб қолади.",
    body_edit_title: "Органни таҳрирлаш",
    body_new_title: "Янги орган",
    body_in_use: "Ишлатилади",

    body_kind_names: ["Ички ишлар бўлими", "Ижтимоий хизматлар", "Ҳокимлик", "Бошқа орган"],
    link_out_names: ["Такрорий, асосийси", "Алоқадор"],
    link_in_names: ["Такрорийси", "Алоқадор"],
    link_kind_names: ["Такрорий (худди шу масала)", "Алоқадор (ўхшаш масала)"],
    ground_names: ["Аноним: исм ва яшаш жойи йўқ", "Исм ёки яшаш жойи ёлғон"],
};
