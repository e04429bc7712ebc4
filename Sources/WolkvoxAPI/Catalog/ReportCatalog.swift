/// The reports wolkvox-etl knows, with their documented fields and the types they are coerced to.
///
/// Every report of Wolkvox's list comes from the generated catalog (`scripts/catalog/generate.py`);
/// the five written out below, with fields and order from Wolkvox's report pages (see
/// `shared/wolkvox-api/`), replace their generated entries so they land exactly as before.
package enum ReportCatalog {
    /// Every report, in the order of Wolkvox's list.
    package static let all: [ReportSpec] = {
        let written = Dictionary(uniqueKeysWithValues: handWritten.map { (Self.listName(of: $0), $0) })
        return generatedReports().map { written[$0.name] ?? $0 }
    }()

    /// The five reports written out here (they were the whole catalog before the list).
    package static let handWritten: [ReportSpec] = [cdr1, cdr6, chat4, diagram13, callsLast10]

    private static let byName: [String: ReportSpec] = {
        var byName = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })
        // `calls_last_10` stays the name of `real_time.calls_last_10`; both are accepted.
        byName[listName(of: callsLast10)] = callsLast10
        return byName
    }()

    private static let byEndpointAPI: [String: ReportSpec] = Dictionary(
        uniqueKeysWithValues: all.map { ($0.endpoint.rawValue + "?" + $0.api, $0) })

    package static func report(named name: String) -> ReportSpec? {
        byName[name]
    }

    /// The report an endpoint serves under an `api=` value.
    package static func report(endpoint: ReportSpec.Endpoint, api: String) -> ReportSpec? {
        byEndpointAPI[endpoint.rawValue + "?" + api]
    }

    package static var names: [String] { all.map(\.name) }

    /// Every name a pipeline may give, aliases included (for suggestions).
    package static var acceptedNames: [String] { Array(byName.keys).sorted() }

    /// The name the report has in Wolkvox's list: `ENDPOINT.API` outside reports_manager.php.
    static func listName(of spec: ReportSpec) -> String {
        spec.endpoint == .reportsManager ? spec.api : spec.endpoint.prefix + "." + spec.api
    }

    package static let cdr1 = ReportSpec(
        name: "cdr_1",
        title: "Call detail",
        endpoint: .reportsManager,
        fields: [
            .init("agent_name", .string, "agent's name"),
            .init("date", .timestamp, "when the call happened (operation's local time)"),
            .init("destiny", .string, "call destination"),
            .init("telephone", .string, "number called; keeps leading zeros"),
            .init("cost", .decimal, "price of the call"),
            .init("time_seg", .duration, "duration in seconds"),
            .init("time_min", .decimal, "duration in whole minutes, rounded up"),
            .init("cod_act", .string, "typing code; TIMEOUTACW when the agent let it lapse"),
            .init("description_cod_act", .string, "description of the typing code"),
            .init("cod_act_2", .string, "second typing code"),
            .init("description_cod_act_2", .string, "description of the second typing code"),
            .init("type_interaction", .string, "inbound, out_pre, internal call, ivr-out, ... (open set)"),
            .init("customer_id", .string, "customer id; text"),
            .init("hang_up", .string, "who ended the call"),
            .init("campaign_id", .string, "campaign id; text"),
            .init("conn_id", .string, "call id; text"),
            .init("skill_id", .string, "skill id; text"),
            .init("skill_name", .string, "skill name"),
            .init("agent_id", .string, "agent id; text"),
            .init("comment", .string, "free text"),
        ],
        dayOf: .field("date"),
        key: ["conn_id", "date", "agent_id", "telephone"],
        kind: .timestamped, area: "Calls (CDR)"
    )

    package static let cdr6 = ReportSpec(
        name: "cdr_6",
        title: "Unconnected outbound calls by result",
        endpoint: .reportsManager,
        fields: [
            .init("result", .string, "cancelled, chanunavail, congestion, noanswer, busy, ... (case varies)"),
            .init("count", .int, "calls with that result in the window"),
        ],
        dayOf: .windowDay,
        key: ["result"],
        kind: .windowTotals, area: "Calls (CDR)"
    )

    package static let chat4 = ReportSpec(
        name: "chat_4",
        title: "Chat and e-mail interaction detail",
        endpoint: .reportsManager,
        fields: [
            .init("channel", .string, "channel of the interaction"),
            .init("agent_name", .string, "agent's name"),
            .init("skill_id", .string, "skill id; text"),
            .init("case_id", .string, "case id; text"),
            .init("subject", .string, "subject"),
            .init("from", .string, "sender"),
            .init("to", .string, "recipient"),
            .init("body", .string, "message body"),
            .init("answer", .string, "answer sent"),
            .init("date_creation", .timestamp, "when the interaction was created"),
            .init("close_date", .timestamp, "when it was closed (arrives late)"),
            .init("evaluation_survey", .string, "survey answer; text"),
            .init("cod_act", .string, "typing code"),
            .init("cod_description", .string, "description of the typing code"),
            .init("comments", .string, "free text"),
            .init("attachments", .string, "attachments"),
        ],
        dayOf: .field("date_creation"),
        key: ["case_id", "date_creation"],
        kind: .timestamped,
        parameters: [
            ReportParameter(name: "attach_array", required: false, summary: "attachments as an array"),
            ReportParameter(name: "include_attachments", required: false, summary: "include the attachments"),
        ],
        area: "Chats and interactions"
    )

    package static let diagram13 = ReportSpec(
        name: "diagram_13",
        title: "IVR menu-option CDR",
        endpoint: .reportsManager,
        fields: [
            .init("rp_id", .string, "routing point id; text"),
            .init("conn_id", .string, "interaction id; text"),
            .init("customer_id", .string, "customer id; text"),
            .init("channel", .string, "channel"),
            .init("telephone", .string, "customer's number; keeps leading zeros"),
            .init("attempt", .int, "attempts at the routing point"),
            .init("date", .timestamp, "when the interaction happened"),
            .init("second_event", .duration, "second at which the option was taken"),
            .init("cod_opc_menu", .string, "menu option chosen"),
        ],
        dayOf: .field("date"),
        key: ["conn_id", "date", "cod_opc_menu", "second_event"],
        kind: .timestamped, area: "IVR, surveys and bots"
    )

    package static let callsLast10 = ReportSpec(
        name: "calls_last_10",
        title: "Calls in the last 10 minutes (real time)",
        endpoint: .realTime,
        fields: [
            .init("type_interaction", .string, "type of call"),
            .init("result", .string, "answer, busy, noanswer, abandon, ... (case varies)"),
            .init("date", .timestamp, "when the call happened"),
            .init("telephone", .string, "number; keeps leading zeros"),
            .init("customer_id", .string, "customer id; text"),
            .init("conn_id", .string, "call id; text"),
        ],
        dayOf: .field("date"),
        key: ["conn_id"],
        kind: .snapshot, area: "Real time"
    )
}
