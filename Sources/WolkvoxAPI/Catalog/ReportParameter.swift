/// A query parameter of a report beyond `api` and the window's `date_ini`/`date_end`, given in
/// the pipeline's `source.params`.
package struct ReportParameter: Sendable, Hashable, Codable {
    package var name: String
    /// The API answers 400 `SOME PARAMETERS ARE REQUIRED` without it.
    package var required: Bool
    package var summary: String

    package init(name: String, required: Bool, summary: String = "") {
        self.name = name
        self.required = required
        self.summary = summary
    }
}
