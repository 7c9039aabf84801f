//! Russian (русский язык).

pub mod announcements;
pub mod location;
pub mod monitoring;
pub mod offline;
pub mod photos;
pub mod services;
pub mod verdict;
pub mod work;

use super::Texts;

/// Russian.
pub static TEXTS: Texts = Texts {
    app_name: "Smart Mahalla",
    skip_to_content: "Перейти к основному содержанию",
    nav_label: "Главное меню",
    nav_new_appeal: "Подать обращение",
    nav_track: "Статус обращения",
    nav_board: "Доска инспектора",
    footer: "Smart Mahalla — система обращений жителей махалли",
    loading: "Загрузка…",
    service_unavailable: "Сервис временно недоступен. Попробуйте ещё раз немного позже.",
    language_label: "Язык",
    date_format: |year, month, day| format!("{day:02}.{month:02}.{year:04}"),

    form_title: "Подать обращение",
    form_intro: "Ваше обращение будет зарегистрировано в тот же день и передано инспектору профилактики.",
    field_kind: "Вид обращения",
    kind_hint: "Заявление — просьба, предложение — идея, жалоба — о нарушенном праве.",
    field_mahalla: "Махалля",
    mahalla_placeholder: "Введите название махалли",
    mahalla_no_match: "Такая махалля не найдена",
    mahalla_chosen: |name| format!("Выбрано: {name}"),
    field_address: "Улица и дом",
    address_placeholder: "Например: улица Бодомзор йули, дом 12",
    field_location: "Местоположение",
    field_name: "Имя и фамилия",
    field_phone: "Номер телефона",
    phone_hint: "+998 XX XXX XX XX",
    field_text: "Текст обращения",
    field_submission_key: "Ключ отправки",
    field_photo: "Фото",
    text_placeholder: "Что случилось? Где и когда?",
    text_counter: |used, max| {
        let noun = plural((max % 100) as i64, "символ", "символа", "символов");
        format!("{used} / {max} {noun}")
    },
    submit: "Отправить",
    submitting: "Отправка…",
    form_has_errors: "Пожалуйста, исправьте отмеченные поля.",
    category_auto: "Пусть определит система",
    category_hint: "Пока Вы пишете текст, система предложит категорию; при желании выберите другую.",
    category_suggested: |name| {
        format!("Предложение системы: {name}. Вы можете выбрать другую категорию.")
    },
    privacy_note: "Ваши персональные данные используются только для рассмотрения обращения.",

    submitted_title: "Ваше обращение принято",
    submitted_number_label: "Регистрационный номер",
    submitted_keep_number: "Сохраните этот номер: по нему Вы можете следить за статусом обращения.",
    submitted_track_link: "Посмотреть статус обращения",
    submitted_another: "Подать ещё одно обращение",

    track_title: |number| format!("Обращение {number}"),
    track_lookup_label: "Регистрационный номер",
    track_lookup_button: "Показать",
    track_stage: "Этап",
    track_kind: "Вид",
    track_mahalla: "Махалля",
    track_registered: "Зарегистрировано",
    track_due: "Срок ответа",
    track_history: "История",
    history_registered: "Обращение зарегистрировано",
    history_moved: |stage| format!("Переведено на этап «{stage}»"),
    not_found_title: "Не найдено",
    not_found_appeal: |number| {
        format!("Обращение с номером {number} не найдено. Проверьте номер и введите его ещё раз.")
    },
    not_found_page: "Такой страницы нет.",
    go_home: "Вернуться на главную",

    board_title: "Доска инспектора",
    board_intro: "Обращения по пяти этапам.",
    board_empty_column: "Обращений нет",
    board_count: |n| format!("{n} {}", plural(n, "обращение", "обращения", "обращений")),
    board_more: |n| format!("Ещё {n} {}", plural(n, "обращение", "обращения", "обращений")),
    age_days: |d| {
        if d == 0 {
            "сегодня".to_owned()
        } else {
            format!("{d} {}", plural(d, "день", "дня", "дней"))
        }
    },
    urgent: "Срочно",
    board_filters: "Фильтр",
    live_on: "Доска обновляется автоматически",
    live_off: "Подключение к обновлениям…",
    filter_mahalla: "Махалля",
    filter_any_mahalla: "Все махалли",
    filter_any_category: "Все категории",
    filter_urgent: "Только срочные",
    filter_overdue: "Просроченные",
    filter_mine: "Назначенные мне",
    filter_search: "Поиск: номер, телефон или текст",
    filter_apply: "Показать",
    filter_reset: "Сбросить",
    board_show_more: "Показать ещё",
    due_on: |date| format!("Срок: {date}"),
    due_soon: "Срок скоро истекает",
    overdue: "Срок истёк",
    assignee: |name| format!("Исполнитель: {name}"),
    unassigned: "Исполнитель не назначен",
    move_menu: |number| format!("{number}: перевести на другой этап"),
    move_short: "Перевести…",
    move_to: |stage| format!("На этап «{stage}»"),
    drag_handle: |number| format!("Переместить {number}"),
    keyboard_help: "Чтобы взять карточку, нажмите Пробел или Enter; стрелками влево и вправо выберите столбец; чтобы положить карточку, снова нажмите Пробел или Enter; для отмены — Escape.",
    evaluate: "Оценить и закрыть",
    announce_picked: |number, stage| format!("Обращение {number} взято, столбец «{stage}». Выберите столбец стрелкой влево или вправо и положите карточку Пробелом."),
    announce_over: |stage| format!("Столбец «{stage}»."),
    announce_moved: |number, stage| format!("Обращение {number} переведено на этап «{stage}»."),
    announce_cancelled: |number| format!("{number}: перемещение отменено."),
    announce_refused: |number| format!("Обращение {number} не переведено."),
    announce_closed: |number| format!("Обращение {number} оценено и закрыто."),
    conflict: "Это обращение только что изменил другой сотрудник. Доска обновлена — проверьте карточку и попробуйте ещё раз.",
    dialog_move_title: |number, stage| format!("{number}: перевод на этап «{stage}»"),
    dialog_back_intro: "Обращение будет возвращено на предыдущий этап. Укажите причину: она сохранится в истории.",
    dialog_save: "Сохранить и перевести",
    dialog_cancel: "Отмена",
    evaluate_title: |number| format!("{number}: оценка результата"),
    evaluate_save: "Оценить и закрыть",
    severity_names: ["Низкая", "Средняя", "Высокая"],
    thread_title: "Переписка с гражданином",
    thread_empty: "Сообщений пока нет.",
    message_label: "Сообщение",
    message_send: "Отправить",
    notes_title: "Внутренние заметки (гражданин их не видит)",
    notes_empty: "Внутренних заметок нет.",
    note_label: "Внутренняя заметка",
    note_send: "Сохранить заметку",
    answer_title: "Ответ",
    work_title: "Записи о работе",
    field_assignee: "Исполнитель",
    history_note: |note| format!("Комментарий: {note}"),
    outcome_names: ["Решено", "Решено частично", "Не решено"],

    stage_names: [
        "Приём и регистрация",
        "Анализ",
        "Решение и принятие мер",
        "Ответ и учёт результатов",
        "Мониторинг и анализ",
    ],
    kind_names: ["Заявление", "Предложение", "Жалоба"],
    category_names: [
        "Профилактика преступности",
        "Общественная безопасность",
        "Семейные конфликты",
        "Социальная помощь",
        "Правовая помощь",
        "Коммунальные услуги",
        "Другое",
    ],
    actor_names: ["Гражданин", "Система", "Инспектор", "Администратор"],

    field_category: "Категория",
    field_note: "Комментарий или причина",
    field_analysis: "Анализ: причины и потребности гражданина",
    field_severity: "Степень серьёзности",
    field_measures: "Принятые меры",
    field_answer: "Ответ гражданину",
    field_outcome: "Результат",
    field_recommendation: "Рекомендация",
    field_body: "Компетентный орган",
    field_reason: "Причина (её прочтёт гражданин)",
    field_solved: "Ваша проблема решена?",
    field_answer_mark: "Оценка ответа",
    field_inspector_mark: "Оценка работы инспектора",
    field_comment: "Комментарий",
    field_other_appeal: "Номер другого обращения",
    field_link_kind: "Вид связи",
    field_ground: "Основание",
    field_due_on: "Новый срок",
    field_body_name: "Название органа",
    field_body_kind: "Тип",
    field_contact: "Контакты (адрес, телефон)",
    field_service_name: "Название услуги",
    field_service_detail: "Сведения об услуге",
    field_announcement_title: "Заголовок",
    field_announcement_text: "Текст объявления",
    field_ends_on: "Показывать до (последний день)",

    problem_required: "Заполните это поле.",
    problem_too_long: |max| {
        let noun = plural((max % 100) as i64, "символа", "символов", "символов");
        format!("Допускается не более {max} {noun}.")
    },
    problem_phone_format: "Введите номер телефона в формате +998 XX XXX XX XX.",
    problem_unknown_kind: "Выберите вид обращения из списка.",
    problem_unknown_mahalla: "Выберите махаллю из списка.",
    problem_too_short: |min| {
        let noun = plural((min % 100) as i64, "символа", "символов", "символов");
        format!("Нужно не менее {min} {noun}.")
    },
    problem_consent_required: "Чтобы продолжить, дайте согласие на обработку персональных данных.",
    problem_bad_credentials: "Неверный номер телефона или пароль.",
    problem_phone_taken: "С этим номером зарегистрироваться нельзя. Если у Вас есть учётная запись, войдите в систему.",
    problem_wrong_password: "Текущий пароль указан неверно.",
    problem_unknown_role: "Выберите должность из списка.",
    problem_mahalla_count: "Инспектору назначьте не менее одной махалли, председателю — ровно одну.",
    problem_malformed: "Значение записано в неверном формате.",
    problem_same_stage: "Обращение уже находится на этом этапе.",
    problem_skips_stage: "Этапы проходятся по порядку: для каждого этапа нужна своя запись.",
    problem_not_in_monitoring: "Оценка вносится только на этапе «Мониторинг и анализ».",
    problem_self_link: "Нельзя связать обращение с самим собой.",
    problem_already_linked: "Эти обращения уже связаны.",
    problem_unknown_appeal: "Обращение с таким номером не найдено (или оно не относится к Вашей территории).",
    problem_unknown_body: "Выберите орган из списка.",
    problem_forward_pending: "Обращение уже направляется в орган. Сначала отметьте, что оно передано.",
    problem_not_forwarded: "Обращение не направлялось ни в один орган.",
    problem_too_late_to_reject: "Признать, что это не обращение, можно только на этапах приёма и анализа.",
    problem_already_extended: "Срок уже продлевался один раз: повторно продлить его нельзя.",
    problem_not_later: "Новый срок должен быть позже текущего.",
    problem_extension_too_long: "Срок можно продлить не более чем на один месяц.",
    problem_already_answered: "Гражданину уже дан ответ: продлевать срок не нужно.",
    problem_appeal_closed: "Обращение закрыто.",
    problem_name_taken: "Такое название в районе уже есть.",
    problem_already_studied: "Дополнительное изучение уже отмечено.",
    problem_unchanged: "Категория и срочность не изменились.",
    problem_out_of_range: |min, max| format!("Выберите число от {min} до {max}."),
    problem_not_answered: "Оценку можно поставить после того, как на обращение дан ответ.",
    problem_verdict_locked: "Оценку уже нельзя изменить: прошло 30 дней или подано повторное обращение.",
    problem_not_unsolved: "Повторное обращение можно подать после оценки «Проблема не решена».",
    problem_already_reopened: "По этому обращению уже подано повторное обращение.",
    problem_in_the_past: "Этот день уже прошёл: выберите сегодняшний или более поздний.",
    problem_not_a_photo: "Этот файл не фотография: выберите снимок JPEG, PNG или WebP.",
    problem_photo_too_large: |mb| format!("Файл слишком большой: каждое фото — не больше {mb} МБ."),
    problem_too_many_pixels: |px| format!("Снимок слишком большой: стороны не больше {px} пикселей."),
    problem_too_many_photos: |n| format!("К одному обращению можно добавить не больше {n} фото."),
    problem_outside_uzbekistan: "Это место за пределами Узбекистана. Уберите его или определите заново.",

    nav_my_appeals: "Мои обращения",
    nav_account: "Мой профиль",
    nav_staff: "Сотрудники",
    nav_audit: "Журнал аудита",
    nav_monitoring: "Мониторинг",
    nav_bodies: "Органы",
    nav_services: "Услуги",
    form_photos_later: "Фотографии можно добавить на странице обращения после отправки.",
    submitted_add_photos: "Добавить фото",
    nav_announcements: "Объявления",
    nav_unseen: |n| format!("{n} {}", plural(n, "новое", "новых", "новых")),
    sign_in_title: "Вход в систему",
    sign_in_button: "Войти",
    sign_in_no_account: "Нет учётной записи?",
    sign_out: "Выйти",
    register_link: "Зарегистрируйтесь",
    register_title: "Зарегистрируйтесь, чтобы подать обращение",
    register_intro: "Это займёт минуту: имя, телефон и пароль. Затем Вы напишете обращение и сможете следить за его статусом здесь.",
    register_button: "Зарегистрироваться и продолжить",
    register_have_account: "Уже есть учётная запись?",
    field_login_phone: "Номер телефона",
    field_full_name: "Фамилия, имя",
    field_password: "Пароль",
    field_current_password: "Текущий пароль",
    field_new_password: "Новый пароль (не менее 10 символов)",
    field_role: "Должность",
    field_mahallas: "Махалли",
    field_district: "Район",
    consent_text: "Даю согласие на обработку моих персональных данных (имя, телефон, адрес) для рассмотрения моих обращений (Закон Республики Узбекистан «О персональных данных»).",
    need_sign_in: "Чтобы открыть эту страницу, войдите в систему.",
    forbidden: "У Вас нет прав на просмотр или изменение этих данных.",
    too_many: |seconds| {
        let noun = plural((seconds % 100) as i64, "секунду", "секунды", "секунд");
        format!("Слишком много попыток. Попробуйте ещё раз через {seconds} {noun}.")
    },
    staff_no_filing: "С учётной записи сотрудника обращения не подаются. Для работы с обращениями откройте доску.",
    my_none: "У Вас пока нет обращений.",
    track_personal: "Данные гражданина",
    track_anonymised: "Персональные данные удалены, так как гражданин отозвал согласие.",

    account_title: "Мой профиль",
    password_title: "Смена пароля",
    password_button: "Сохранить пароль",
    password_changed: "Пароль изменён. Сеансы на других устройствах завершены.",
    data_title: "Мои данные",
    data_intro: "Скачайте все хранящиеся о Вас данные в виде файла JSON.",
    data_download: "Скачать данные",
    withdraw_title: "Отзыв согласия",
    withdraw_intro: "Ваша учётная запись будет закрыта. Ваши обращения хранятся согласно закону, но после их рассмотрения и закрытия Ваши имя, телефон и адрес будут удалены.",
    withdraw_confirm: "Я понимаю и отзываю согласие",
    withdraw_button: "Отозвать согласие",

    staff_title: "Сотрудники",
    staff_state: "Статус",
    staff_active: "Активен",
    staff_inactive: "Неактивен",
    staff_edit: "Изменить",
    staff_edit_title: "Редактирование сотрудника",
    staff_new_title: "Новый сотрудник",
    staff_password_keep: "Оставьте поле пустым, чтобы не менять пароль.",
    staff_own_password: "Чтобы изменить свой пароль, введите также текущий пароль.",
    staff_save: "Сохранить",
    staff_clear: "Новый сотрудник",
    role_names: [
        "Гражданин",
        "Инспектор профилактики",
        "Председатель махалли",
        "Администратор района",
        "Администратор системы",
    ],

    audit_title: "Журнал аудита",
    audit_action: "Действие",
    audit_any: "Все",
    audit_appeal: "Обращение",
    audit_actor_phone: "Телефон исполнителя",
    audit_from: "С даты",
    audit_to: "По дату",
    audit_apply: "Применить",
    audit_empty: "Нет записей, соответствующих этим условиям.",
    audit_when: "Время",
    audit_who: "Кто",
    audit_subject: "Кого касается",
    audit_address: "Адрес (IP)",
    audit_anonymous: "Неизвестно",
    audit_older: "Более ранние записи",
    audit_action_names: [
        "Вход в систему",
        "Неудачный вход",
        "Выход из системы",
        "Регистрация",
        "Смена пароля",
        "Подача обращения",
        "Просмотр персональных данных",
        "Изменение обращения",
        "Скачивание своих данных",
        "Отзыв согласия",
        "Добавление сотрудника",
        "Изменение сотрудника",
        "Изменение списка органов",
        "Экспорт мониторинга",
        "Изменение порогов светофора",
        "Сохранение услуги",
        "Публикация объявления",
        "Правка объявления",
    ],
};

/// The Russian plural form for `n`: `one` (1, 21, 101…), `few` (2–4, 22–24…) or `many`
/// (0, 5–20, 25–30, 111…).
pub(super) fn plural(
    n: i64,
    one: &'static str,
    few: &'static str,
    many: &'static str,
) -> &'static str {
    let n = n.unsigned_abs();
    let (last, last_two) = (n % 10, n % 100);
    if last == 1 && last_two != 11 {
        one
    } else if (2..=4).contains(&last) && !(12..=14).contains(&last_two) {
        few
    } else {
        many
    }
}

#[cfg(test)]
mod tests {
    use super::plural;

    fn days(n: i64) -> &'static str {
        plural(n, "день", "дня", "дней")
    }

    #[test]
    fn plural_follows_the_russian_rule() {
        assert_eq!(days(1), "день");
        assert_eq!(days(2), "дня");
        assert_eq!(days(5), "дней");
        assert_eq!(days(11), "дней");
        assert_eq!(days(12), "дней");
        assert_eq!(days(21), "день");
        assert_eq!(days(22), "дня");
        assert_eq!(days(25), "дней");
        assert_eq!(days(111), "дней");
        assert_eq!(days(0), "дней");
        assert_eq!(days(-2), "дня");
    }
}
