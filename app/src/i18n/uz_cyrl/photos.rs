//! Uzbek, Cyrillic script: an appeal's photos.

use crate::i18n::photos::PhotoTexts;

pub static PHOTOS: PhotoTexts = PhotoTexts {
    title: "Суратлар",
    hint: |left| {
        format!("JPEG, PNG ёки WebP, ҳар бири 10 МБ гача. Яна {left} та сурат қўшиш мумкин.")
    },
    privacy: "Ҳар бир суратдан жойлашув ва камера маълумотлари олиб ташланади.",
    take: "Камерада суратга олиш",
    choose: "Телефондаги суратлардан танлаш",
    upload: "Суратларни юбориш",
    added: "Суратлар қўшилди.",
    photo_alt: |n, of| format!("{n}-сурат ({of} тадан)"),
    history_added: "Сурат қўшилди",
};
