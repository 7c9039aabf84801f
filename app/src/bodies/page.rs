//! `/admin/bodies`: the directory as an administrator keeps it, and the form to add or edit
//! a body.

use domain::actions::BodyKind;
use domain::bodies::{Body, BodyDirectory, BodyDraft, BodyField};
use domain::form::FieldError;
use leptos::prelude::*;

use super::api::{load_bodies, SaveBody};
use crate::context::{use_texts, use_work_texts};
use crate::ui::{
    Checkbox, DirectoryEditing, DirectoryPage, DistrictSelect, EntryFields, FormFailure, FormField,
    Select, SubmitButton,
};

/// `/admin/bodies` — the directory and the form to add or edit a body.
#[component]
pub fn BodiesPage() -> impl IntoView {
    let w = use_work_texts();
    let directory = Resource::new(|| (), |_| load_bodies());
    let editor = move |found: BodyDirectory| {
        view! { <BodiesEditor directory=found on_saved=move || directory.refetch() /> }.into_any()
    };
    view! {
        <DirectoryPage id="bodies-title" title=w.bodies_title intro=w.bodies_intro
            directory may_keep=|found: &BodyDirectory| !found.districts.is_empty() editor />
    }
}

/// The form's state, one signal per field.
#[derive(Clone, Copy)]
struct BodyFields {
    id: RwSignal<Option<i64>>,
    district: RwSignal<Option<i64>>,
    kind: RwSignal<String>,
    name: RwSignal<String>,
    contact: RwSignal<String>,
    active: RwSignal<bool>,
}

impl EntryFields for BodyFields {
    type Entry = Body;
    type Draft = BodyDraft;

    fn entry_id(body: &Body) -> i64 {
        body.id
    }

    fn load(&self, body: Option<&Body>, default_district: Option<i64>) {
        self.id.set(body.map(|b| b.id));
        self.district
            .set(body.map(|b| b.district_id).or(default_district));
        self.kind
            .set(body.map_or(BodyKind::Police, |b| b.kind).code().to_owned());
        self.name
            .set(body.map(|b| b.name.clone()).unwrap_or_default());
        self.contact
            .set(body.map(|b| b.contact.clone()).unwrap_or_default());
        self.active.set(body.is_none_or(|b| b.active));
    }

    fn draft(&self) -> BodyDraft {
        BodyDraft {
            id: self.id.get_untracked(),
            district_id: self.district.get_untracked(),
            kind: self.kind.get_untracked(),
            name: self.name.get_untracked(),
            contact: self.contact.get_untracked(),
            active: self.active.get_untracked(),
        }
    }

    fn problems(draft: &BodyDraft) -> Result<(), Vec<FieldError>> {
        draft.validate(|_| true).map(drop)
    }
}

impl BodyFields {
    fn new(district: Option<i64>) -> Self {
        BodyFields {
            id: RwSignal::new(None),
            district: RwSignal::new(district),
            kind: RwSignal::new(BodyKind::Police.code().to_owned()),
            name: RwSignal::new(String::new()),
            contact: RwSignal::new(String::new()),
            active: RwSignal::new(true),
        }
    }
}

#[component]
fn BodiesEditor(
    directory: BodyDirectory,
    on_saved: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let t = use_texts();
    let w = use_work_texts();
    let editing = DirectoryEditing::new(
        BodyFields::new,
        directory.bodies.clone(),
        &directory.districts,
    );
    let (fields, form) = (editing.fields, editing.form);
    let action = ServerAction::<SaveBody>::new();
    editing.follow(action.value(), on_saved);
    let on_submit = editing.on_submit(move |draft| {
        action.dispatch(SaveBody { draft });
    });
    let districts = directory.districts.clone();
    let many_districts = districts.len() > 1;
    let kinds = BodyKind::ALL
        .iter()
        .map(|kind| (kind.code(), w.body_kind(*kind)))
        .collect();
    view! {
        <div class="table-scroll">
            <table class="staff" data-testid="bodies-table">
                <thead><tr>
                    <th scope="col">{t.field_body_name}</th>
                    <th scope="col">{t.field_body_kind}</th>
                    {many_districts.then(|| view! { <th scope="col">{t.field_district}</th> })}
                    <th scope="col">{t.field_contact}</th>
                    <th scope="col">{t.staff_state}</th>
                    <th scope="col"><span class="visually-hidden">{t.staff_edit}</span></th>
                </tr></thead>
                <tbody>
                    {directory.bodies.iter().map(|body| {
                        let id = body.id;
                        let label = format!("{} {}", t.staff_edit, body.name);
                        view! {
                            <tr class:inactive=!body.active>
                                <td>{body.name.clone()}</td>
                                <td>{w.body_kind(body.kind)}</td>
                                {many_districts.then(|| view! { <td>{body.district.clone()}</td> })}
                                <td>{body.contact.clone()}</td>
                                <td>{if body.active { t.staff_active } else { t.staff_inactive }}</td>
                                <td><button type="button" class="button small" aria-label=label
                                    on:click=move |_| editing.edit(id)>
                                    {t.staff_edit}</button></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <form class="stack" novalidate on:submit=on_submit aria-labelledby="body-form-title" data-testid="body-form">
            <h2 id="body-form-title">{move || if fields.id.get().is_some() { w.body_edit_title } else { w.body_new_title }}</h2>
            <FormField id="body-name" label=t.field_body_name value=fields.name kind="text" autocomplete="off" error=form.message(BodyField::BodyName) />
            <Select id="body-kind" label=t.field_body_kind value=fields.kind options=kinds error=form.message(BodyField::BodyKind) />
            {many_districts.then(|| view! {
                <DistrictSelect id="body-district" value=fields.district districts error=form.message(BodyField::District) />
            })}
            <FormField id="body-contact" label=t.field_contact value=fields.contact kind="text" autocomplete="off" error=form.message(BodyField::Contact) />
            <Show when=move || fields.id.get().is_some()>
                <Checkbox id="body-active" label=w.body_in_use value=fields.active />
            </Show>
            <FormFailure form />
            <div class="actions">
                <SubmitButton sending=action.pending()>{t.staff_save}</SubmitButton>
                <button type="button" class="button" on:click=move |_| editing.clear()>{w.body_new_title}</button>
            </div>
        </form>
    }
}
