//! Well-known mail providers, so that "contact your mail provider" can name one.

use serde::Deserialize;

use crate::model::brand::{Brand, has_suffix};

const PROVIDERS: &str = include_str!("../../assets/providers.toml");

#[derive(Clone, Debug, Deserialize)]
pub struct Provider {
    pub id: String,
    pub name: String,
    pub mx_suffixes: Vec<String>,
    pub help_url: String,
}

#[derive(Deserialize)]
struct File {
    provider: Vec<Provider>,
}

#[derive(Clone)]
pub struct Providers(Vec<Provider>);

impl Providers {
    pub fn built_in() -> Self {
        // The built-in list is checked by the tests; were it broken, no
        // provider would be recognized, and nothing would panic.
        let file: Option<File> = toml::from_str(PROVIDERS).ok();
        Self(file.map(|f| f.provider).unwrap_or_default())
    }

    /// The provider an MX host belongs to. The CDN's own service is named
    /// after the chosen brand, since it is sold under that name.
    pub fn find(&self, host: &str, brand: &Brand) -> Option<Provider> {
        if brand.is_mail_service(host)
            && let Some(name) = &brand.mail_service_name
        {
            return Some(Provider {
                id: "cdn-email-routing".into(),
                name: name.clone(),
                mx_suffixes: brand.mail_service_suffixes.clone(),
                help_url: brand.mail_service_url.clone().unwrap_or_default(),
            });
        }
        self.0
            .iter()
            .find(|p| has_suffix(host, &p.mx_suffixes))
            .cloned()
    }

    pub fn all(&self) -> &[Provider] {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_the_big_ones() {
        let p = Providers::built_in();
        let brand = Brand::built_in("khulnasoft").unwrap();
        let name = |h: &str| p.find(h, &brand).map(|p| p.name);
        assert_eq!(
            name("aspmx.l.google.com.").as_deref(),
            Some("Google Workspace")
        );
        assert_eq!(
            name("example-com.mail.protection.outlook.com").as_deref(),
            Some("Microsoft 365")
        );
        assert_eq!(
            name("route1.mx.cloudflare.net").as_deref(),
            Some("Khulnasoft Email Routing")
        );
        assert_eq!(name("mail.example.com"), None);
        for id in [
            "google",
            "microsoft",
            "zoho",
            "ovh",
            "gandi",
            "proton",
            "fastmail",
            "icloud",
            "yandex",
            "ionos",
            "cdn-email-routing",
        ] {
            assert!(p.all().iter().any(|x| x.id == id), "{id}");
        }
    }
}
