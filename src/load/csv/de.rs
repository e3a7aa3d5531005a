//! Loading, the last step of a CSV table: one row's cells read as a raw struct through serde, as
//! TOML is. A cell is read as whatever its field's type asks for (a text, a whole number, true or
//! false, a list of space-separated items, an enum's word), and a field wrapped in `Spanned`
//! gets the cell's place in the file, so that validation points at the cell.

use super::split::Cell;
use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, MapAccess, Visitor};
use std::ops::Range;

/// Reads a row's entries (field name and value, in column order) as a `T`. A problem comes
/// with the place of the cell it concerns, when it concerns one.
pub(super) fn read<T: DeserializeOwned>(
    entries: Vec<(String, Value)>,
) -> Result<T, (Option<Range<usize>>, String)> {
    let row = Row {
        entries: entries.into_iter(),
        pending: None,
    };
    T::deserialize(row).map_err(|e| (e.span, e.message))
}

/// A cell, or the language columns of a bilingual text.
#[derive(Debug, Clone)]
pub(super) enum Value {
    Cell(Cell),
    Text(Vec<(String, Cell)>),
}

/// A deserialization problem, at the cell it concerns.
#[derive(Debug)]
struct Error {
    message: String,
    span: Option<Range<usize>>,
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: std::fmt::Display>(msg: T) -> Error {
        Error {
            message: msg.to_string(),
            span: None,
        }
    }
}

/// A row as a map from field names to cells.
struct Row {
    entries: std::vec::IntoIter<(String, Value)>,
    pending: Option<Value>,
}

impl<'de> de::Deserializer<'de> for Row {
    type Error = Error;
    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        v.visit_map(self)
    }
    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum
        identifier ignored_any
    }
}

impl<'de> MapAccess<'de> for Row {
    type Error = Error;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        match self.entries.next() {
            Some((k, v)) => {
                self.pending = Some(v);
                seed.deserialize(k.into_deserializer()).map(Some)
            }
            None => Ok(None),
        }
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let value = self
            .pending
            .take()
            .ok_or_else(|| de::Error::custom("value without a key"))?;
        let span = match &value {
            Value::Cell(c) => c.span.clone(),
            Value::Text(parts) => parts[0].1.span.clone(),
        };
        seed.deserialize(Field(value)).map_err(|mut e| {
            e.span.get_or_insert(span);
            e
        })
    }
}

/// One field's value: a cell read as whatever the field's type asks for.
struct Field(Value);

impl Field {
    fn cell(&self) -> Result<&Cell, Error> {
        match &self.0 {
            Value::Cell(c) => Ok(c),
            Value::Text(parts) => Ok(&parts[0].1),
        }
    }

    fn text(&self) -> Result<&str, Error> {
        Ok(self.cell()?.text.trim())
    }
}

macro_rules! parse_number {
    ($($method:ident => $visit:ident: $t:ty),*) => {$(
        fn $method<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
            let s = self.text()?;
            match s.parse::<$t>() {
                Ok(n) => v.$visit(n),
                Err(_) => Err(de::Error::custom(format!("`{s}` is not a whole number"))),
            }
        }
    )*};
}

impl<'de> de::Deserializer<'de> for Field {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match &self.0 {
            Value::Cell(c) => v.visit_str(c.text.trim()),
            Value::Text(parts) => v.visit_map(TextMap {
                parts: parts.clone().into_iter(),
                pending: None,
            }),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        v.visit_some(self)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match self.text()?.to_lowercase().as_str() {
            "true" | "1" | "có" => v.visit_bool(true),
            "false" | "0" | "không" => v.visit_bool(false),
            other => Err(de::Error::custom(format!("`{other}` is not true or false"))),
        }
    }

    parse_number!(
        deserialize_i8 => visit_i8: i8, deserialize_i16 => visit_i16: i16,
        deserialize_i32 => visit_i32: i32, deserialize_i64 => visit_i64: i64,
        deserialize_u8 => visit_u8: u8, deserialize_u16 => visit_u16: u16,
        deserialize_u32 => visit_u32: u32, deserialize_u64 => visit_u64: u64
    );

    fn deserialize_seq<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        // A list in one cell: items separated by spaces, each keeping its place in the file.
        let c = self.cell()?.clone();
        let mut items = Vec::new();
        let quoted = usize::from(c.span.len() > c.text.len());
        let mut at = c.span.start + quoted;
        for part in c.text.split(' ') {
            if !part.is_empty() {
                items.push(Field(Value::Cell(Cell {
                    text: part.to_string(),
                    span: at..at + part.len(),
                })));
            }
            at += part.len() + 1;
        }
        v.visit_seq(de::value::SeqDeserializer::new(items.into_iter()))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, Error> {
        if name == serde_spanned::__unstable::NAME {
            let span = self.cell()?.span.clone();
            return v.visit_map(SpannedMap {
                span,
                value: Some(self),
                step: 0,
            });
        }
        let _ = fields;
        self.deserialize_any(v)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, Error> {
        let s = self.text()?.to_string();
        de::Deserializer::deserialize_enum(s.into_deserializer(), name, variants, v)
            .map_err(|e: de::value::Error| de::Error::custom(e.to_string()))
    }

    serde::forward_to_deserialize_any! {
        i128 u128 f32 f64 char str string bytes byte_buf unit unit_struct newtype_struct tuple
        tuple_struct map identifier ignored_any
    }
}

impl<'de> IntoDeserializer<'de, Error> for Field {
    type Deserializer = Field;
    fn into_deserializer(self) -> Field {
        self
    }
}

/// A bilingual text's columns as `{ vi = …, en = … }`.
struct TextMap {
    parts: std::vec::IntoIter<(String, Cell)>,
    pending: Option<Cell>,
}

impl<'de> MapAccess<'de> for TextMap {
    type Error = Error;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        match self.parts.next() {
            Some((lang, cell)) => {
                self.pending = Some(cell);
                seed.deserialize(lang.into_deserializer()).map(Some)
            }
            None => Ok(None),
        }
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let cell = self
            .pending
            .take()
            .ok_or_else(|| de::Error::custom("value without a key"))?;
        seed.deserialize(Field(Value::Cell(cell)))
    }
}

/// The map serde_spanned asks for: start, end, then the value itself.
struct SpannedMap {
    span: Range<usize>,
    value: Option<Field>,
    step: u8,
}

impl<'de> MapAccess<'de> for SpannedMap {
    type Error = Error;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let key = match self.step {
            0 => serde_spanned::__unstable::START_FIELD,
            1 => serde_spanned::__unstable::END_FIELD,
            2 => serde_spanned::__unstable::VALUE_FIELD,
            _ => return Ok(None),
        };
        seed.deserialize(de::value::BorrowedStrDeserializer::new(key))
            .map(Some)
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        self.step += 1;
        match self.step {
            1 => seed.deserialize((self.span.start as u64).into_deserializer()),
            2 => seed.deserialize((self.span.end as u64).into_deserializer()),
            _ => seed.deserialize(
                self.value
                    .take()
                    .ok_or_else(|| de::Error::custom("value read twice"))?,
            ),
        }
    }
}
