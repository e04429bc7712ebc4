/// The type a field is coerced to after transform. The API sends every value as a string.
package enum FieldType: String, Sendable, CaseIterable, Codable {
    /// Text; a value of `""` or only spaces becomes null.
    case string
    /// A whole number, written as a JSON number.
    case int
    /// A decimal number written with exactly the source's digits, never through a binary double.
    case decimal
    /// Seconds; accepts `65`, `1.5` and `00:01:05`.
    case duration
    /// The API's naive local time, written as ISO 8601 with the zone's offset.
    case timestamp
    /// A share as the API writes it, `"34.64 %"`, written as the decimal `34.64`.
    case percent
}
