import Foundation

extension ReportCatalog {
    /// Every report of Wolkvox's list, read from the generated ``catalogJSON``.
    static func generatedReports() -> [ReportSpec] {
        do {
            return try JSONDecoder().decode([Entry].self, from: Data(catalogJSON.utf8)).map(\.spec)
        } catch {
            // The text is generated and its decoding is tested: failing here is a build defect.
            preconditionFailure("the generated report catalog does not decode: \(error)")
        }
    }

    /// One line of the generated catalog.
    struct Entry: Decodable {
        struct Field: Decodable {
            var name: String
            var type: FieldType
            var summary: String
            var nesting: String?
            var fields: [Field]?

            var spec: ReportSpec.Field {
                let children = (fields ?? []).map(\.spec)
                let nested: ReportSpec.Field.Nesting? =
                    switch nesting {
                    case "array": .array(children)
                    case "object": .object(children)
                    default: nil
                    }
                return ReportSpec.Field(name, type, summary, nesting: nested)
            }
        }

        var name: String
        var api: String
        var endpoint: ReportSpec.Endpoint
        var area: String
        var title: String
        var kind: ReportKind
        var envelope: ReportEnvelope
        var takesRange: Bool
        var params: [ReportParameter]
        var fields: [Field]
        var dayField: String?
        var key: [String]

        enum CodingKeys: String, CodingKey {
            case name, api, endpoint, area, title, kind, envelope, params, fields, key
            case takesRange = "takes_range"
            case dayField = "day_field"
        }

        var spec: ReportSpec {
            let dayOf: ReportSpec.DayOf =
                switch (kind, dayField) {
                case (.snapshot, _): .runDay
                case (.timestamped, let field?): .field(field)
                case (_, let field?): .dateField(field)
                case (_, nil): .windowDay
                }
            return ReportSpec(
                name: name, title: title, endpoint: endpoint, fields: fields.map(\.spec), dayOf: dayOf, key: key,
                api: api, kind: kind, envelope: envelope, parameters: params, area: area, takesRange: takesRange)
        }
    }
}
