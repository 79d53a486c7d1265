//! Name and variant look-ups built from one gold file (score.py's
//! `GoldTables`): person forms, and the entity resolver that lets a relation
//! end name a gold person, organisation or document by any printed form.

use super::normalise::{normalise, normalise_period, normalise_value, py_str, split_period};
use super::{as_list, as_str, dicts};
use serde_json::Value;
use std::collections::{BTreeSet, HashMap, HashSet};

/// What a relation end may denote. Gold names are kept as the JSON text of
/// the raw value (Python keys on the value itself, `None` included).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Entity {
    Person(String),
    Org(String),
    Doc(String, Option<String>),
    /// An end no gold form resolves: its normalised string.
    Str(String),
}

pub type Keys = BTreeSet<Entity>;

/// The look-up key of a raw JSON value (`None` when absent, as `dict.get`).
fn value_key(value: Option<&Value>) -> String {
    value.unwrap_or(&Value::Null).to_string()
}

pub struct GoldTables<'a> {
    pub people: Vec<&'a Value>,
    pub orgs: Vec<&'a Value>,
    pub docs: Vec<&'a Value>,
    /// exact gold name → normalised forms
    person_forms: HashMap<String, HashSet<String>>,
    form_keys: HashMap<String, Keys>,
    /// (base, period, key)
    doc_bases: Vec<(String, Option<String>, Entity)>,
    /// exact canonical value (see [`value_key`]) → keys
    canonical: HashMap<String, Keys>,
}

impl<'a> GoldTables<'a> {
    pub fn new(gold: &'a Value) -> Self {
        let mut t = GoldTables {
            people: dicts(gold.get("people")),
            orgs: dicts(gold.get("organisations")),
            docs: dicts(gold.get("documents")),
            person_forms: HashMap::new(),
            form_keys: HashMap::new(),
            doc_bases: Vec::new(),
            canonical: HashMap::new(),
        };
        for p in t.people.clone() {
            let name = as_str(p.get("name")).unwrap_or("");
            let mut forms: HashSet<String> = as_list(p.get("variants"))
                .iter()
                .filter_map(Value::as_str)
                .map(normalise)
                .collect();
            forms.insert(normalise(name));
            forms.remove("");
            t.person_forms.entry(name.to_string()).or_default().extend(forms);
        }
        for p in t.people.clone() {
            let key = Entity::Person(value_key(p.get("name")));
            let forms = [p.get("name")]
                .into_iter()
                .chain(as_list(p.get("variants")).iter().map(Some));
            t.register(&key, forms);
            t.add_canonical(value_key(p.get("name")), key);
        }
        for o in t.orgs.clone() {
            let key = Entity::Org(value_key(o.get("name")));
            let forms = [o.get("name"), o.get("acronym")]
                .into_iter()
                .chain(as_list(o.get("variants")).iter().map(Some));
            t.register(&key, forms);
            t.add_canonical(value_key(o.get("name")), key);
        }
        let mut titles: HashMap<String, usize> = HashMap::new();
        for d in &t.docs {
            *titles.entry(value_key(d.get("title"))).or_default() += 1;
        }
        for d in t.docs.clone() {
            let title = d.get("title");
            let period = normalise_period(d.get("period"));
            let key = Entity::Doc(value_key(title), period.clone());
            let mut forms: Vec<Value> = [title.cloned().unwrap_or(Value::Null)]
                .into_iter()
                .chain(as_list(d.get("variants")).iter().cloned())
                .collect();
            let with_period = period
                .as_ref()
                .map(|p| Value::String(format!("{} ({p})", py_str(title.unwrap_or(&Value::Null)))));
            forms.extend(with_period.clone());
            t.register(&key, forms.iter().map(Some));
            for f in &forms {
                let (base, derived) = split_period(&normalise_value(Some(f)));
                if !base.is_empty() {
                    t.doc_bases
                        .push((base, derived.or_else(|| period.clone()), key.clone()));
                }
            }
            let shared = titles[&value_key(title)] > 1;
            if !shared || period.is_none() {
                t.add_canonical(value_key(title), key.clone());
            }
            if let Some(with_period) = with_period {
                t.add_canonical(value_key(Some(&with_period)), key);
            }
        }
        t
    }

    fn register<'v>(&mut self, key: &Entity, forms: impl Iterator<Item = Option<&'v Value>>) {
        for f in forms {
            let n = normalise_value(f);
            if !n.is_empty() {
                self.form_keys.entry(n).or_default().insert(key.clone());
            }
        }
    }

    fn add_canonical(&mut self, value: String, key: Entity) {
        self.canonical.entry(value).or_default().insert(key);
    }

    /// Whether a system name is the gold person's name or one of its variants.
    pub fn person_match(&self, gold_name: &str, system_name: Option<&str>) -> bool {
        let n = normalise(system_name.unwrap_or(""));
        if n.is_empty() {
            return false;
        }
        match self.person_forms.get(gold_name).filter(|f| !f.is_empty()) {
            Some(forms) => forms.contains(&n),
            None => n == normalise(gold_name),
        }
    }

    /// The entity keys a system string may denote (or its normalised string).
    pub fn resolve(&self, text: Option<&Value>) -> Keys {
        let n = normalise_value(text);
        if n.is_empty() {
            return Keys::new();
        }
        if let Some(keys) = self.form_keys.get(&n).filter(|k| !k.is_empty()) {
            return keys.clone();
        }
        let (base, period) = split_period(&n);
        let keys: Keys = self
            .doc_bases
            .iter()
            .filter(|(b, p, _)| *b == base && (p.is_none() || period.is_none() || *p == period))
            .map(|(_, _, k)| k.clone())
            .collect();
        if !keys.is_empty() {
            return keys;
        }
        Keys::from([Entity::Str(n)])
    }

    /// A gold relation end: an exact canonical name first, else [`Self::resolve`].
    pub fn resolve_gold(&self, text: Option<&Value>) -> Keys {
        match self.canonical.get(&value_key(text)).filter(|k| !k.is_empty()) {
            Some(keys) => keys.clone(),
            None => self.resolve(text),
        }
    }
}
