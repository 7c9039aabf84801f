//! `/admin/staff`: the staff list and the form to add or edit an account.

use domain::account::{AccountField, Role, StaffDraft, StaffMember};
use domain::mahalla::MahallaOption;
use domain::person::format_phone;
use leptos::prelude::*;

use super::api::{load_staff, SaveStaff, StaffDirectory};
use crate::context::{use_app, use_texts};
use crate::error::AppError;
use crate::ui::{
    Checkbox, DistrictSelect, ErrorNotice, FieldMessage, FormFailure, FormField, FormState,
    Loading, Select, SubmitButton,
};

/// `/admin/staff` — the staff list and the form to add or edit an account.
#[component]
pub fn StaffPage() -> impl IntoView {
    let t = use_texts();
    let me = use_app().me;
    let directory = Resource::new(|| (), |_| load_staff());
    view! {
        <section class="panel wide" aria-labelledby="staff-title">
            <h1 id="staff-title">{t.staff_title}</h1>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match (me.await, directory.await) {
                        (Ok(Some(editor)), Ok(found)) => view! {
                            <StaffEditor directory=found editor=editor.id on_saved=move || directory.refetch() />
                        }.into_any(),
                        (Ok(None), _) => view! { <ErrorNotice error=AppError::Unauthenticated /> }.into_any(),
                        (Err(error), _) | (_, Err(error)) => view! { <ErrorNotice error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// The form's state, one signal per field.
#[derive(Clone, Copy)]
struct StaffFields {
    id: RwSignal<Option<i64>>,
    name: RwSignal<String>,
    phone: RwSignal<String>,
    role: RwSignal<String>,
    mahallas: RwSignal<Vec<i64>>,
    district: RwSignal<Option<i64>>,
    password: RwSignal<String>,
    /// The editor's current password, when they change their own.
    current: RwSignal<String>,
    active: RwSignal<bool>,
}

impl StaffFields {
    fn new() -> Self {
        StaffFields {
            id: RwSignal::new(None),
            name: RwSignal::new(String::new()),
            phone: RwSignal::new(String::new()),
            role: RwSignal::new(Role::Inspector.code().to_owned()),
            mahallas: RwSignal::new(Vec::new()),
            district: RwSignal::new(None),
            password: RwSignal::new(String::new()),
            current: RwSignal::new(String::new()),
            active: RwSignal::new(true),
        }
    }

    fn load(&self, member: Option<&StaffMember>) {
        self.id.set(member.map(|m| m.id));
        self.name
            .set(member.map(|m| m.full_name.clone()).unwrap_or_default());
        self.phone
            .set(member.map(|m| format_phone(&m.phone)).unwrap_or_default());
        self.role
            .set(member.map_or(Role::Inspector, |m| m.role).code().to_owned());
        self.mahallas
            .set(member.map(|m| m.mahalla_ids.clone()).unwrap_or_default());
        self.district.set(member.and_then(|m| m.district_id));
        self.password.set(String::new());
        self.current.set(String::new());
        self.active.set(member.is_none_or(|m| m.active));
    }

    fn draft(&self) -> StaffDraft {
        StaffDraft {
            id: self.id.get_untracked(),
            full_name: self.name.get_untracked(),
            phone: self.phone.get_untracked(),
            role: self.role.get_untracked(),
            mahalla_ids: self.mahallas.get_untracked(),
            district_id: self.district.get_untracked(),
            password: self.password.get_untracked(),
            active: self.active.get_untracked(),
            current_password: self.current.get_untracked(),
        }
    }
}

#[component]
fn StaffEditor(
    directory: StaffDirectory,
    /// The signed-in administrator's account id.
    editor: i64,
    on_saved: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let t = use_texts();
    let fields = StaffFields::new();
    let form = FormState::new();
    let action = ServerAction::<SaveStaff>::new();
    let mahallas = StoredValue::new(directory.mahallas.clone());
    let districts = directory.districts.clone();
    let members = StoredValue::new(directory.members.clone());
    form.follow(action.value(), move |_| {
        fields.load(None);
        on_saved();
    });
    let message = move |field: AccountField| form.message(field);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = fields.draft();
        let known = |id| mahallas.with_value(|all| all.iter().any(|m: &MahallaOption| m.id == id));
        if form
            .check(draft.validate_by(editor, known, |_| true))
            .is_some()
        {
            action.dispatch(SaveStaff { draft });
        }
    };
    let roles = Role::ALL
        .iter()
        .filter(|role| **role != Role::Citizen)
        .map(|role| (role.code(), t.role(*role)))
        .collect();
    let mahalla_name = move |id: i64| {
        mahallas.with_value(|all| {
            all.iter()
                .find(|m| m.id == id)
                .map(|m| m.name.clone())
                .unwrap_or_default()
        })
    };
    view! {
        <div class="table-scroll">
            <table class="staff" data-testid="staff-table">
                <thead><tr>
                    <th scope="col">{t.field_full_name}</th>
                    <th scope="col">{t.field_login_phone}</th>
                    <th scope="col">{t.field_role}</th>
                    <th scope="col">{t.field_mahallas}</th>
                    <th scope="col">{t.staff_state}</th>
                    <th scope="col"><span class="visually-hidden">{t.staff_edit}</span></th>
                </tr></thead>
                <tbody>
                    {directory.members.iter().map(|member| {
                        let id = member.id;
                        let places = member.mahalla_ids.iter().map(|m| mahalla_name(*m)).collect::<Vec<_>>().join(", ");
                        let label = format!("{} {}", t.staff_edit, member.full_name);
                        view! {
                            <tr class:inactive=!member.active>
                                <td>{member.full_name.clone()}</td>
                                <td>{format_phone(&member.phone)}</td>
                                <td>{t.role(member.role)}</td>
                                <td>{places}</td>
                                <td>{if member.active { t.staff_active } else { t.staff_inactive }}</td>
                                <td><button type="button" class="button small" aria-label=label
                                    on:click=move |_| members.with_value(|all| fields.load(all.iter().find(|m| m.id == id)))>
                                    {t.staff_edit}</button></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <form class="stack" novalidate on:submit=on_submit aria-labelledby="staff-form-title" data-testid="staff-form">
            <h2 id="staff-form-title">{move || if fields.id.get().is_some() { t.staff_edit_title } else { t.staff_new_title }}</h2>
            <FormField id="staff-name" label=t.field_full_name value=fields.name kind="text" autocomplete="off" error=message(AccountField::FullName) />
            <FormField id="staff-phone" label=t.field_login_phone value=fields.phone kind="tel" autocomplete="off" error=message(AccountField::Phone) />
            <Select id="staff-role" label=t.field_role value=fields.role options=roles error=message(AccountField::Role) />
            <Show when=move || fields.role.with(|r| r == Role::DistrictAdmin.code())>
                <DistrictSelect id="staff-district" value=fields.district districts=districts.clone() error=message(AccountField::District) blank=true />
            </Show>
            <Show when=move || fields.role.with(|r| r == Role::Inspector.code() || r == Role::MahallaChair.code())>
                <fieldset class="field mahalla-choices">
                    <legend>{t.field_mahallas}</legend>
                    <div class="checklist">
                        {mahallas.get_value().into_iter().map(|m| {
                            let id = m.id;
                            view! {
                                <label class="choice">
                                    <input type="checkbox" value=id.to_string()
                                        prop:checked=move || fields.mahallas.with(|all| all.contains(&id))
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            fields.mahallas.update(|all| {
                                                all.retain(|x| *x != id);
                                                if on { all.push(id); }
                                            });
                                        } />
                                    <span>{m.name}</span>
                                </label>
                            }
                        }).collect_view()}
                    </div>
                    <FieldMessage id="staff-mahallas" error=message(AccountField::Mahallas) />
                </fieldset>
            </Show>
            <FormField id="staff-password" label=t.field_new_password value=fields.password kind="password" autocomplete="new-password" error=message(AccountField::Password) />
            <Show when=move || fields.id.get() == Some(editor)>
                <p class="hint">{t.staff_own_password}</p>
                <FormField id="staff-current-password" label=t.field_current_password value=fields.current kind="password" autocomplete="current-password" error=message(AccountField::CurrentPassword) />
            </Show>
            <Show when=move || fields.id.get().is_some()>
                <p class="hint">{t.staff_password_keep}</p>
                <Checkbox id="staff-active" label=t.staff_active value=fields.active />
            </Show>
            <FormFailure form />
            <div class="actions">
                <SubmitButton sending=action.pending()>{t.staff_save}</SubmitButton>
                <button type="button" class="button" on:click=move |_| { form.clear(); fields.load(None); }>{t.staff_clear}</button>
            </div>
        </form>
    }
}
