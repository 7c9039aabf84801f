//! `/services`: the catalogue as anyone reads it, searchable (`?q=` without the page's code,
//! as one types with it), each service with what it is, who provides it, what to bring,
//! hours, address and phone, and a link that opens the appeal form with its category set.
//! Once visited, the page is kept by the service worker and reads offline.

use domain::services::Service;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::api::load_services;
use crate::context::{use_services_texts, use_texts};
use crate::ui::{ErrorNotice, Loading};

/// `/services` — the catalogue and its search.
#[component]
pub fn ServicesPage() -> impl IntoView {
    let s = use_services_texts();
    let catalogue = Resource::new(|| (), |_| load_services());
    let query = RwSignal::new(
        use_query_map()
            .with_untracked(|q| q.get("q"))
            .unwrap_or_default(),
    );
    view! {
        <section class="panel services-page" aria-labelledby="services-title">
            <h1 id="services-title">{s.title}</h1>
            <p class="intro">{s.intro}</p>
            <form method="get" action="/services" class="search" role="search"
                on:submit=move |ev| ev.prevent_default()>
                <label for="services-q">{s.search_label}</label>
                <div class="search-row">
                    <input id="services-q" name="q" type="search" autocomplete="off"
                        placeholder=s.search_hint aria-describedby="services-found"
                        value=query.get_untracked()
                        prop:value=move || query.get()
                        on:input=move |ev| query.set(event_target_value(&ev)) />
                    <button type="submit" class="button">{s.search_button}</button>
                </div>
            </form>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match catalogue.await {
                        Ok(found) => {
                            let manages = !found.districts.is_empty();
                            view! { <ServiceList services=found.services query manages /> }.into_any()
                        }
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// The services that answer the search, with how many there are (announced as it changes).
#[component]
fn ServiceList(services: Vec<Service>, query: RwSignal<String>, manages: bool) -> impl IntoView {
    let t = use_texts();
    let s = use_services_texts();
    let services = StoredValue::new(services);
    let shown = Memo::new(move |_| {
        query.with(|q| {
            services.with_value(|all| {
                all.iter()
                    .filter(|service| service.matches(q, s.category_name(t, service.category)))
                    .cloned()
                    .collect::<Vec<_>>()
            })
        })
    });
    view! {
        <p id="services-found" class="hint" role="status" aria-live="polite" data-testid="services-found">
            {move || shown.with(|found| if found.is_empty() { s.none_found.to_owned() } else { (s.found)(found.len()) })}
        </p>
        {manages.then(|| view! { <p><a href="/admin/services">{s.manage_link}</a></p> })}
        <ul class="services" data-testid="services">
            <For each=move || shown.get() key=|service| (service.id, service.version) let:service>
                <ServiceCard service />
            </For>
        </ul>
    }
}

/// One service, as a card.
#[component]
fn ServiceCard(service: Service) -> impl IntoView {
    let t = use_texts();
    let s = use_services_texts();
    let fact = |label: &'static str, value: String| {
        (!value.is_empty()).then(|| view! { <dt>{label}</dt><dd>{value}</dd> })
    };
    let phone = (!service.phone.is_empty()).then(|| {
        let dial: String = service
            .phone
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '+')
            .collect();
        view! { <dt>{s.phone}</dt><dd><a href=format!("tel:{dial}")>{service.phone.clone()}</a></dd> }
    });
    let file_about = service.category.map(|category| {
        view! {
            <a class="button" href=format!("/?category={}", category.code())>{s.file_about}</a>
        }
    });
    view! {
        <li class="service" data-testid="service" class:inactive=!service.active>
            <h2>{service.name.clone()}</h2>
            {(!service.active).then(|| view! { <p class="badge">{s.withdrawn}</p> })}
            <dl class="facts">
                {fact(s.what, service.what.clone())}
                {fact(s.provider, service.provider.clone())}
                {fact(s.bring, service.bring.clone())}
                {fact(s.hours, service.hours.clone())}
                {fact(s.address, service.address.clone())}
                {phone}
                {fact(s.category, s.category_name(t, service.category).to_owned())}
            </dl>
            {file_about}
        </li>
    }
}
