//! Russian: an appeal's photos.

use crate::i18n::photos::PhotoTexts;

pub static PHOTOS: PhotoTexts = PhotoTexts {
    title: "Фотографии",
    hint: |left| format!("JPEG, PNG или WebP, каждое до 10 МБ. Можно добавить ещё {left} фото."),
    privacy: "Из каждого снимка удаляются место съёмки и данные камеры.",
    take: "Сфотографировать камерой",
    choose: "Выбрать из файлов телефона",
    upload: "Отправить фото",
    added: "Фотографии добавлены.",
    photo_alt: |n, of| format!("Фото {n} из {of}"),
    history_added: "Добавлено фото",
};
