//! Russian: the installable app (manifest, offline page, drafts, the outbox).

use crate::i18n::offline::OfflineTexts;

/// Russian.
pub static OFFLINE: OfflineTexts = OfflineTexts {
    app_full_name: "Smart Mahalla — обращения",
    app_short_name: "Smart Mahalla",
    app_description: "Подача обращений в махаллю и отслеживание их статуса, работа инспекторов профилактики.",
    shortcut_new_appeal: "Новое обращение",
    shortcut_board: "Доска обращений",
    offline_title: "Нет подключения к интернету",
    offline_body: "Эта страница ещё не сохранена на Вашем устройстве. Попробуйте снова, когда связь восстановится. Ранее открытые страницы открываются и без связи.",
    offline_retry: "Повторить",
    update_ready: "Готова новая версия приложения.",
    update_reload: "Перезагрузить",
    draft_restored: "Написанный ранее текст восстановлен.",
    draft_discard: "Очистить",
    queued_title: "Обращение сохранено",
    queued_body: "Нет подключения к интернету. Ваше обращение сохранено на устройстве и будет отправлено, как только связь восстановится. Оно не пропадёт, даже если Вы закроете эту страницу.",
    queued_sending: "Связь восстановлена, обращение отправляется…",
    no_connection: "Нет подключения к интернету. Написанное Вами сохранено — отправьте ещё раз, когда связь восстановится.",
    waiting: |n| {
        let n64 = i64::from(n);
        let noun = super::plural(n64, "изменение", "изменения", "изменений");
        let verb = super::plural(n64, "ожидает", "ожидают", "ожидают");
        format!("{n} {noun} {verb} отправки")
    },
    change_queued: "Сохранено: будет отправлено, как только восстановится связь.",
    card_waiting: "Ожидает отправки",
    pin: "Сохранить для работы без сети",
    pinned: "Сохранено: откроется и без сети",
    pin_mark: "Доступно без сети",
    refused_title: "Непринятые изменения",
    refused_intro: "Эти изменения, сделанные без связи, сервер не принял при отправке. Они не потеряны: просмотрите их и отправьте снова или отмените.",
    refused_conflict: "Пока Вы работали без связи, обращение изменил другой сотрудник.",
    refused_rule: "При текущем состоянии обращения это изменение не соответствует правилам.",
    refused_denied: "Это обращение больше не относится к Вашим полномочиям.",
    refused_missing: "Обращение не найдено.",
    refused_yours: "Ваше изменение",
    refused_now: "Сейчас",
    refused_move: |stage| format!("Перевод на этап «{stage}»"),
    refused_evaluation: "Оценка",
    refused_message: "Сообщение",
    refused_note: "Внутренняя заметка",
    refused_based_on: |v| format!("На основе версии {v}"),
    refused_stage_now: |stage, v| format!("На этапе «{stage}», версия {v}"),
    refused_last_change: "Последнее изменение",
    refused_now_unknown: "Текущее состояние обращения будет видно, когда связь восстановится.",
    refused_apply_again: "Отправить снова к текущей версии",
    refused_dismiss: "Отменить",
};
