//! `/admin/services`: the catalogue as an administrator keeps it, and the form to add or edit
//! a service (an edit carries the version it started from: another's save since is refused).

use domain::appeal::Category;
use domain::form::FieldError;
use domain::services::{Service, ServiceCatalogue, ServiceDraft, ServiceField};
use leptos::prelude::*;

use super::api::{load_services, SaveService};
use crate::context::{use_services_texts, use_texts};
use crate::ui::{
    Checkbox, DirectoryEditing, DirectoryPage, DistrictSelect, EntryFields, FormFailure, FormField,
    Select, SubmitButton, TextArea,
};

/// `/admin/services` — the catalogue and the form to add or edit a service.
#[component]
pub fn ServicesAdminPage() -> impl IntoView {
    let s = use_services_texts();
    let catalogue = Resource::new(|| (), |_| load_services());
    let editor = move |found: ServiceCatalogue| {
        view! { <ServicesEditor catalogue=found on_saved=move || catalogue.refetch() /> }.into_any()
    };
    view! {
        <DirectoryPage id="services-admin-title" title=s.admin_title intro=s.admin_intro
            directory=catalogue may_keep=|found: &ServiceCatalogue| !found.districts.is_empty() editor />
    }
}

/// The form's state, one signal per field.
#[derive(Clone, Copy)]
struct ServiceFields {
    id: RwSignal<Option<i64>>,
    version: RwSignal<Option<i64>>,
    district: RwSignal<Option<i64>>,
    name: RwSignal<String>,
    what: RwSignal<String>,
    provider: RwSignal<String>,
    bring: RwSignal<String>,
    hours: RwSignal<String>,
    address: RwSignal<String>,
    phone: RwSignal<String>,
    category: RwSignal<String>,
    active: RwSignal<bool>,
}

impl EntryFields for ServiceFields {
    type Entry = Service;
    type Draft = ServiceDraft;

    fn entry_id(service: &Service) -> i64 {
        service.id
    }

    fn load(&self, service: Option<&Service>, default_district: Option<i64>) {
        let text = |pick: fn(&Service) -> &String| service.map(pick).cloned().unwrap_or_default();
        self.id.set(service.map(|s| s.id));
        self.version.set(service.map(|s| s.version));
        self.district
            .set(service.map(|s| s.district_id).or(default_district));
        self.name.set(text(|s| &s.name));
        self.what.set(text(|s| &s.what));
        self.provider.set(text(|s| &s.provider));
        self.bring.set(text(|s| &s.bring));
        self.hours.set(text(|s| &s.hours));
        self.address.set(text(|s| &s.address));
        self.phone.set(text(|s| &s.phone));
        self.category.set(
            service
                .and_then(|s| s.category)
                .map(|c| c.code().to_owned())
                .unwrap_or_default(),
        );
        self.active.set(service.is_none_or(|s| s.active));
    }

    fn draft(&self) -> ServiceDraft {
        ServiceDraft {
            id: self.id.get_untracked(),
            version: self.version.get_untracked(),
            district_id: self.district.get_untracked(),
            name: self.name.get_untracked(),
            what: self.what.get_untracked(),
            provider: self.provider.get_untracked(),
            bring: self.bring.get_untracked(),
            hours: self.hours.get_untracked(),
            address: self.address.get_untracked(),
            phone: self.phone.get_untracked(),
            category: self.category.get_untracked(),
            active: self.active.get_untracked(),
        }
    }

    fn problems(draft: &ServiceDraft) -> Result<(), Vec<FieldError>> {
        draft.validate(|_| true).map(drop)
    }
}

impl ServiceFields {
    fn new(district: Option<i64>) -> Self {
        let text = || RwSignal::new(String::new());
        ServiceFields {
            id: RwSignal::new(None),
            version: RwSignal::new(None),
            district: RwSignal::new(district),
            name: text(),
            what: text(),
            provider: text(),
            bring: text(),
            hours: text(),
            address: text(),
            phone: text(),
            category: text(),
            active: RwSignal::new(true),
        }
    }
}

#[component]
fn ServicesEditor(
    catalogue: ServiceCatalogue,
    on_saved: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let t = use_texts();
    let s = use_services_texts();
    let editing = DirectoryEditing::new(
        ServiceFields::new,
        catalogue.services.clone(),
        &catalogue.districts,
    );
    let (fields, form) = (editing.fields, editing.form);
    let action = ServerAction::<SaveService>::new();
    editing.follow(action.value(), on_saved);
    let on_submit = editing.on_submit(move |draft| {
        action.dispatch(SaveService { draft });
    });
    let districts = catalogue.districts.clone();
    let many_districts = districts.len() > 1;
    let categories = std::iter::once(("", s.no_category))
        .chain(Category::ALL.iter().map(|c| (c.code(), t.category(*c))))
        .collect();
    view! {
        <div class="table-scroll">
            <table class="staff" data-testid="services-table">
                <thead><tr>
                    <th scope="col">{t.field_service_name}</th>
                    <th scope="col">{s.category}</th>
                    {many_districts.then(|| view! { <th scope="col">{t.field_district}</th> })}
                    <th scope="col">{t.staff_state}</th>
                    <th scope="col"><span class="visually-hidden">{s.edit}</span></th>
                </tr></thead>
                <tbody>
                    {catalogue.services.iter().map(|service| {
                        let id = service.id;
                        let label = (s.edit_title)(&service.name);
                        view! {
                            <tr class:inactive=!service.active>
                                <td>{service.name.clone()}</td>
                                <td>{s.category_name(t, service.category)}</td>
                                {many_districts.then(|| view! { <td>{service.district.clone()}</td> })}
                                <td>{if service.active { t.staff_active } else { s.withdrawn }}</td>
                                <td><button type="button" class="button small" aria-label=label
                                    on:click=move |_| editing.edit(id)>
                                    {s.edit}</button></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <form class="stack" novalidate on:submit=on_submit aria-labelledby="service-form-title" data-testid="service-form">
            <h2 id="service-form-title">{move || if fields.id.get().is_some() { s.edit } else { s.new_title }}</h2>
            <FormField id="service-name" label=t.field_service_name value=fields.name kind="text" autocomplete="off" error=form.message(ServiceField::Name) />
            <TextArea id="service-what" label=s.what value=fields.what field=ServiceField::What errors=form.errors />
            {many_districts.then(|| view! {
                <DistrictSelect id="service-district" value=fields.district districts error=form.message(ServiceField::District) />
            })}
            <FormField id="service-provider" label=s.provider value=fields.provider kind="text" autocomplete="off" error=form.message(ServiceField::Provider) />
            <TextArea id="service-bring" label=s.bring value=fields.bring field=ServiceField::Bring errors=form.errors />
            <FormField id="service-hours" label=s.hours value=fields.hours kind="text" autocomplete="off" error=form.message(ServiceField::Hours) />
            <FormField id="service-address" label=s.address value=fields.address kind="text" autocomplete="off" error=form.message(ServiceField::Address) />
            <FormField id="service-phone" label=s.phone value=fields.phone kind="tel" autocomplete="off" error=form.message(ServiceField::Phone) />
            <Select id="service-category" label=s.category value=fields.category options=categories error=form.message(ServiceField::Category) />
            <Show when=move || fields.id.get().is_some()>
                <Checkbox id="service-active" label=s.active_label value=fields.active />
            </Show>
            <FormFailure form />
            <div class="actions">
                <SubmitButton sending=action.pending()>{s.save}</SubmitButton>
                <button type="button" class="button" on:click=move |_| editing.clear()>{s.clear}</button>
            </div>
        </form>
    }
}
