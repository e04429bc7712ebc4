/// What to tell a person when every answer of a run was 404 "no records".
///
/// Wolkvox answers a report it has not enabled on a server exactly as it answers a day without
/// records, so no single answer tells them apart; a run whose every answer was that, and that
/// landed nothing, is worth a word: empty days are possible, a report never enabled is likelier.
enum NotEnabledNote {
    static func text(report: String, answers: Int, notFound: Int, rowsLanded: Int) -> String? {
        guard answers > 0, notFound == answers, rowsLanded == 0 else { return nil }
        let calls = answers == 1 ? "the only answer" : "all \(answers) answers"
        return "\(calls) of this run said 404 \"no records\"; if \(report) should have data for these days, "
            + "it may not be enabled on this server (Wolkvox answers a report it has not enabled like an empty day): "
            + "ask your Wolkvox administrator to enable it"
    }
}
