import WolkvoxAPI

/// Values for any catalog field, following its type and the API's formats: durations as
/// `hh:mm:ss`, shares as `"34.64 %"`, placeholders `-` where the example held one, ids and
/// telephones as text with leading zeros, nested arrays as their JSON text.
enum CatalogValues {
    /// One value of `field` for a row at `time`.
    static func value(_ field: ReportSpec.Field, at time: LocalDateTime, _ rng: inout SeededGenerator) -> String {
        if let nesting = field.nesting { return json(nesting, at: time, &rng) }
        switch field.type {
        case .int: return String(rng.below(rng.chance(0.2) ? 5 : 120))
        case .decimal: return RecordFactory.cost(&rng)
        case .duration: return clock(rng.below(5) == 0 ? rng.below(60) : rng.inRange(30...3_600))
        case .timestamp: return time.adding(seconds: -rng.below(600)).description
        case .percent: return rng.chance(0.03) ? "-" : percent(numerator: rng.below(10_001), denominator: 10_000)
        case .string:
            // Where Wolkvox's example held `-`, the API writes it for "nothing": keep it common.
            if field.summary.contains("placeholder"), rng.chance(0.3) { return "-" }
            return text(field.name, &rng)
        }
    }

    /// Seconds as the API writes durations in totals: `hh:mm:ss`, hours past 99 as they come.
    static func clock(_ seconds: Int) -> String {
        let h = seconds / 3600, m = seconds / 60 % 60, s = seconds % 60
        return (h < 10 ? "0" : "") + String(h) + ":" + two(m) + ":" + two(s)
    }

    /// `"34.64 %"`: the share with two decimals, computed in integers (no binary rounding).
    static func percent(numerator: Int, denominator: Int) -> String {
        guard denominator > 0 else { return "0.00 %" }
        let hundredths = (numerator * 10_000 + denominator / 2) / denominator
        return String(hundredths / 100) + "." + two(hundredths % 100) + " %"
    }

    static func two(_ n: Int) -> String { n < 10 ? "0" + String(n) : String(n) }

    /// Text shaped by the field's name: names, ids, telephones, codes, channels; else a word.
    static func text(_ name: String, _ rng: inout SeededGenerator) -> String {
        if rng.chance(0.03) { return rng.chance(0.5) ? "" : " " }
        if name.hasSuffix("name") || name == "nombre_cliente" { return rng.pick(ValuePools.agentNames) }
        if name.contains("phone") || name.hasPrefix("tel") || name == "ani" || name == "dnis" {
            return ValuePools.telephone(&rng)
        }
        if name == "customer_id" || name == "id_cliente" { return ValuePools.customerID(&rng) }
        if name.hasPrefix("cod_act") || name == "cod_rslt1" || name == "cod_rslt2" {
            return rng.pick(weighted: ValuePools.activityCodes).0
        }
        if name.hasPrefix("description") { return rng.pick(weighted: ValuePools.activityCodes).1 }
        if name == "channel" || name == "chanel" || name.hasSuffix("_channel") { return rng.pick(ValuePools.chatChannels) }
        if name == "type_interaction" || name == "type_call" { return rng.pick(weighted: ValuePools.typeInteractions) }
        if name == "result" || name == "resultado" || name.hasSuffix("_result") { return rng.pick(weighted: ValuePools.callResults) }
        if name == "hour" { return two(rng.below(24)) }
        if name.hasSuffix("_id") || name.hasPrefix("id_") || name.hasSuffix("dni") || name == "conn_id" {
            return rng.chance(0.1) ? "0" + rng.digits(3) : String(rng.inRange(1...99_999))
        }
        if name.contains("comment") || name == "body" || name == "message" || name == "text" || name.hasSuffix("_text") {
            return rng.pick(ValuePools.comments)
        }
        return rng.pick(words)
    }

    static let words = ["activo", "inactive", "Ventas", "Soporte", "ok", "YES", "no", "pendiente", "N/A", "Bogotá"]

    /// A nested value as compact JSON text: one to three objects (an object for `.object`),
    /// every value a string as the API sends it.
    static func json(_ nesting: ReportSpec.Field.Nesting, at time: LocalDateTime, _ rng: inout SeededGenerator) -> String {
        func object(_ fields: [ReportSpec.Field]) -> String {
            "{" + fields.map { field in
                let value = value(field, at: time, &rng)
                return quoted(field.name) + ":" + (field.nesting == nil ? quoted(value) : value)
            }.joined(separator: ",") + "}"
        }
        switch nesting {
        case .object(let fields): return object(fields)
        case .array(let fields): return "[" + (0..<rng.inRange(1...3)).map { _ in object(fields) }.joined(separator: ",") + "]"
        }
    }

    /// A JSON string literal, escaped as JSON requires (the comment pools hold quotes and control characters).
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 {
                    out += "\\u00" + (scalar.value < 0x10 ? "0" : "1") + String(scalar.value % 16, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
