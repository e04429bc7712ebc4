import Foundation
import Testing

/// `new REPORT` and `validate` for the reports beyond the first five: one of each kind, and the
/// parameterised ones.
struct CatalogStarterTests {
    static let reports = [
        "agent_1", "agent_8", "agent_6", "skill_3", "skill_1", "campaign_3", "act_5", "chat_2", "cdr_4",
        "information.agents", "real_time.skills", "campaign.campaign_15", "speech_analytics.speech_calls",
        "billing.ivr_minutes",
    ]

    @Test(arguments: reports)
    func aStarterForAnyReportValidatesAsWritten(report: String) async throws {
        let dir = try TempDir()
        let made = try await CLI.run(["new", report])
        #expect(made.exitCode == 0, "\(made.stderr)")
        let file = try dir.write("starter.yaml", made.stdout)
        let checked = try await CLI.run(["validate", file.path], environment: ReadmeTests.offlineEnvironment, cwd: dir.url)
        #expect(checked.exitCode == 0, "\(checked.stderr)\n\(made.stdout)")
    }

    @Test func aMissingRequiredParameterFailsValidationWithExitTwo() async throws {
        let dir = try TempDir()
        let made = try await CLI.run(["new", "skill_1"])
        let file = try dir.write(
            "starter.yaml",
            made.stdout.split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !$0.contains("params:") && !$0.contains("skill_id: all") }.joined(separator: "\n"))
        let checked = try await CLI.run(["validate", file.path], environment: ReadmeTests.offlineEnvironment, cwd: dir.url)
        #expect(checked.exitCode == 2)
        #expect(checked.stderr.contains("source.params.skill_id: missing; skill_1 requires it"), "\(checked.stderr)")
    }

    @Test func reportsShowsParametersWindowsAndNestedFields() async throws {
        let listing = try await CLI.run(["reports"])
        #expect(listing.exitCode == 0)
        #expect(listing.stdout.contains("165 reports"))
        #expect(listing.stdout.contains("information.activity_codes"))
        let skill = try await CLI.run(["reports", "skill_1"])
        #expect(skill.stdout.contains("parameter skill_id (required, in source.params)"), "\(skill.stdout)")
        #expect(skill.stdout.contains("windows: one local day a call"))
        let chat = try await CLI.run(["reports", "chat_2"])
        #expect(chat.stdout.contains("conversation") && chat.stdout.contains("each element: channel string"))
        let typo = try await CLI.run(["reports", "informaton.agents"])
        #expect(typo.exitCode == 2)
        #expect(typo.stderr.contains("did you mean 'information.agents'?"), "\(typo.stderr)")
    }
}
