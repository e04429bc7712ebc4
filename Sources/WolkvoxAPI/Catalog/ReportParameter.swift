/// A query parameter of a report beyond `api` and the window's `date_ini`/`date_end`, given in
/// the pipeline's `source.params`.
public struct ReportParameter: Sendable, Hashable, Codable {
    public var name: String
    /// The API answers 400 `SOME PARAMETERS ARE REQUIRED` without it.
    public var required: Bool
    public var summary: String

    public init(name: String, required: Bool, summary: String = "") {
        self.name = name
        self.required = required
        self.summary = summary
    }
}
