import FlatExport
import WolkvoxAPI

/// How a field the catalog declares nested (`agent_5`'s `status_x_hour`, `cdr_4`'s objects) is
/// typed: its sub-fields in catalog order with their types, coerced by the same rules as
/// top-level fields.
///
/// The value arrives as the JSON text a ``RawRecord`` keeps for a nested value (or as a string,
/// when the API sent one instead). Blank, `-` and `--` are null; an object's members come out in
/// catalog order with missing ones null, as a row's fields do, and members the catalog does not
/// know pass through after them as received.
struct NestedShape: Sendable {
    /// An array of such objects, or one object.
    let isArray: Bool
    let names: [String]
    let types: [FieldType]
    /// The shape of each sub-field that is itself nested.
    let children: [NestedShape?]
    private let slotByName: [String: Int]

    init(_ nesting: ReportSpec.Field.Nesting) {
        isArray = nesting.isArray
        names = nesting.fields.map(\.name)
        types = nesting.fields.map(\.type)
        children = nesting.fields.map { $0.nesting.map(NestedShape.init) }
        var slots: [String: Int] = [:]
        for (i, name) in names.enumerated() where slots[name] == nil { slots[name] = i }
        slotByName = slots
    }

    /// Where a member sits among the sub-fields: by position first (members usually arrive in
    /// catalog order), else by name.
    func slot(of name: String, at position: Int) -> Int? {
        position < names.count && names[position] == name ? position : slotByName[name]
    }
}
