import Foundation
import Testing
@testable import WolkvoxAPI

/// The catalog as data: every report of Wolkvox's list, and the five first reports exactly as
/// they were, so they land byte for byte as before.
@Suite struct ReportCatalogTests {
    struct Pinned: Sendable, CustomTestStringConvertible {
        var name: String
        var endpoint: ReportSpec.Endpoint
        var fields: String
        var dayOf: ReportSpec.DayOf
        var key: [String]
        var testDescription: String { name }
    }

    /// Copied from the catalog before it held every report: field names, order, types, day
    /// field and key decide the bytes landed.
    static let pinned: [Pinned] = [
        Pinned(name: "cdr_1", endpoint: .reportsManager, fields: "agent_name:string date:timestamp destiny:string telephone:string cost:decimal time_seg:duration time_min:decimal cod_act:string description_cod_act:string cod_act_2:string description_cod_act_2:string type_interaction:string customer_id:string hang_up:string campaign_id:string conn_id:string skill_id:string skill_name:string agent_id:string comment:string", dayOf: .field("date"), key: ["conn_id", "date", "agent_id", "telephone"]),
        Pinned(name: "cdr_6", endpoint: .reportsManager, fields: "result:string count:int", dayOf: .windowDay, key: ["result"]),
        Pinned(name: "chat_4", endpoint: .reportsManager, fields: "channel:string agent_name:string skill_id:string case_id:string subject:string from:string to:string body:string answer:string date_creation:timestamp close_date:timestamp evaluation_survey:string cod_act:string cod_description:string comments:string attachments:string", dayOf: .field("date_creation"), key: ["case_id", "date_creation"]),
        Pinned(name: "diagram_13", endpoint: .reportsManager, fields: "rp_id:string conn_id:string customer_id:string channel:string telephone:string attempt:int date:timestamp second_event:duration cod_opc_menu:string", dayOf: .field("date"), key: ["conn_id", "date", "cod_opc_menu", "second_event"]),
        Pinned(name: "calls_last_10", endpoint: .realTime, fields: "type_interaction:string result:string date:timestamp telephone:string customer_id:string conn_id:string", dayOf: .field("date"), key: ["conn_id"]),
    ]

    @Test(arguments: pinned)
    func theFiveFirstReportsKeepTheirSpecs(_ pinned: Pinned) throws {
        let spec = try #require(ReportCatalog.report(named: pinned.name))
        #expect(spec.endpoint == pinned.endpoint)
        #expect(spec.api == pinned.name)
        #expect(spec.fields.map { "\($0.name):\($0.type.rawValue)" }.joined(separator: " ") == pinned.fields)
        #expect(spec.fields.allSatisfy { $0.nesting == nil })
        #expect(spec.dayOf == pinned.dayOf)
        #expect(spec.key == pinned.key)
        #expect(spec.windowsMaySpanDays == (pinned.name != "cdr_6"))
        #expect(spec.takesRange == (pinned.name != "calls_last_10"))
        #expect(spec.requiredParameters.isEmpty)
    }

    @Test func holdsOneEntryPerReportOfWolkvoxsList() throws {
        #expect(ReportCatalog.all.count == 165)
        #expect(Set(ReportCatalog.names).count == 165)
        let byEndpoint = Dictionary(grouping: ReportCatalog.all, by: \.endpoint).mapValues(\.count)
        #expect(byEndpoint[.reportsManager] == 104)
        #expect(byEndpoint[.billing] == 27)
        #expect(byEndpoint[.information] == 15)
        #expect(byEndpoint[.realTime] == 10)
        for spec in ReportCatalog.all {
            #expect(ReportCatalog.report(endpoint: spec.endpoint, api: spec.api) == spec, "\(spec.name)")
            #expect(!spec.fields.isEmpty, "\(spec.name)")
            #expect(!spec.key.isEmpty, "\(spec.name)")
            for name in spec.key { #expect(spec.field(named: name) != nil, "\(spec.name): key \(name)") }
        }
    }

    @Test func namesReportsOutsideReportsManagerByTheirEndpoint() throws {
        let agents = try #require(ReportCatalog.report(named: "information.agents"))
        #expect(agents.endpoint == .information && agents.api == "agents" && agents.kind == .snapshot)
        #expect(agents.dayOf == .runDay && !agents.takesRange)
        #expect(ReportCatalog.report(named: "real_time.calls_last_10")?.name == "calls_last_10")
        #expect(ReportCatalog.report(named: "agents") == nil)
    }

    @Test func keepsTheAPIsOwnSpelling() throws {
        #expect(ReportCatalog.report(named: "agent_1")?.field(named: "aht_outbund") != nil)
        #expect(ReportCatalog.report(named: "agent_14")?.field(named: "destinity") != nil)
        #expect(ReportCatalog.report(named: "campaign_9")?.field(named: "campaing_id") != nil)
    }

    @Test func typesFollowTheExampleOrClearNames() throws {
        func type(_ report: String, _ field: String) -> FieldType? {
            ReportCatalog.report(named: report)?.field(named: field)?.type
        }
        #expect(type("agent_1", "aht_inbound") == .duration)  // hh:mm:ss in the example
        #expect(type("agent_1", "ready_time") == .duration)
        #expect(type("agent_1", "occupancy") == .percent)
        #expect(type("agent_1", "calls") == .int)
        #expect(type("agent_1", "agent_id") == .string)
        #expect(type("agent_1", "login") == .string)  // a placeholder in the example: unknown
        #expect(type("agent_16", "id_agent") == .string)  // digits, but an id
        #expect(type("agent_16", "preview_percent") == .percent)
        #expect(type("cdr_2", "cost") == .decimal)
        #expect(type("cdr_5", "date") == .timestamp)
        #expect(type("cdr_5", "telephone") == .string)
        #expect(type("skill_1", "service_level_20seg") == .percent)
        #expect(type("skill_3", "date") == .string)  // a day, not a time
        #expect(type("diagram_15", "nlp_credits") == .decimal)
    }

    @Test func classifiesTheKindsTheIssueNames() throws {
        func kind(_ name: String) -> ReportKind? { ReportCatalog.report(named: name)?.kind }
        #expect(kind("cdr_1") == .timestamped)
        for name in ["agent_1", "cdr_2", "skill_1", "act_1", "diagram_5", "cdr_6"] { #expect(kind(name) == .windowTotals, "\(name)") }
        for name in ["agent_8", "skill_7"] { #expect(kind(name) == .datedHourly, "\(name)") }
        for name in ["agent_6", "skill_4"] { #expect(kind(name) == .undatedHourly, "\(name)") }
        for name in ["real_time.agents", "information.agents", "information.activity_codes"] {
            #expect(kind(name) == .snapshot, "\(name)")
        }
        #expect(ReportCatalog.report(named: "agent_8")?.dayOf == .dateField("date"))
        #expect(ReportCatalog.report(named: "agent_8")?.windowsMaySpanDays == false)
    }

    @Test func recordsEnvelopesAndNestedArrays() throws {
        #expect(ReportCatalog.report(named: "campaign.campaign_15")?.envelope == .records)
        #expect(ReportCatalog.report(named: "cdr_4")?.envelope == .object)
        #expect(ReportCatalog.report(named: "real_time.info_server")?.envelope == .object)
        let chat2 = try #require(ReportCatalog.report(named: "chat_2"))
        guard case .array(let messages) = chat2.field(named: "conversation")?.nesting else {
            Issue.record("chat_2's conversation is not an array")
            return
        }
        #expect(messages.map(\.name).contains("message"))
        let chats = try #require(ReportCatalog.report(named: "real_time.chats")?.field(named: "active_chats"))
        #expect(chats.nesting?.fields.contains { $0.name == "conversation" && $0.nesting != nil } == true)
    }

    @Test func requiredParametersAreTheOnesThatChooseWhatTheReportIsAbout() throws {
        #expect(ReportCatalog.report(named: "skill_1")?.requiredParameters.map(\.name) == ["skill_id"])
        #expect(ReportCatalog.report(named: "campaign_3")?.requiredParameters.map(\.name) == ["campaign_id"])
        #expect(ReportCatalog.report(named: "act_5")?.requiredParameters.map(\.name) == ["cod_act"])
        #expect(ReportCatalog.report(named: "agent_1")?.parameters.isEmpty == true)
        let diagram1 = try #require(ReportCatalog.report(named: "diagram_1"))
        #expect(diagram1.parameters.map(\.name) == ["customer_id"] && diagram1.requiredParameters.isEmpty)
        // date_ini and date_end are the window, never source.params.
        #expect(!ReportCatalog.all.contains { $0.parameters.contains { $0.name.hasPrefix("date_") } })
    }
}
