import Testing

@testable import WolkvoxETL

/// `source.params`: the report's parameters, checked before any call.
struct PipelineParamsTests {
    typealias Y = PipelineFixtures

    @Test func aMissingRequiredParameterIsAProblemNamingIt() {
        #expect(Y.problems(Y.yaml(report: "skill_1")) == [
            "pipeline.yaml:4:11: source.params.skill_id: missing; skill_1 requires it (a skill id, `all` where the report accepts it, or a list (one call per value)), e.g. params: { skill_id: all }",
        ])
        #expect(Y.problems(Y.yaml(report: "campaign_3", source: ["params: {}"])) == [
            "pipeline.yaml:9:11: source.params.campaign_id: missing; campaign_3 requires it (a campaign id, or a list (one call per value)), e.g. params: { campaign_id: [12, 14] }",
        ])
    }

    @Test(arguments: [
        ("params: { skill_id: all }", ["all"]),
        ("params: { skill_id: 12 }", ["12"]),
        ("params: { skill_id: [12, \"0014\"] }", ["12", "0014"]),
    ])
    func aValueAllOrAListIsOneCallPerValue(line: String, values: [String]) throws {
        let pipeline = try Y.parse(Y.yaml(report: "skill_1", source: [line]))
        #expect(pipeline.source.params == ["skill_id": values])
    }

    @Test func optionalParametersMayBeLeftOut() throws {
        let pipeline = try Y.parse(Y.yaml(report: "chat_4"))
        #expect(pipeline.source.params.isEmpty)
        let asked = try Y.parse(Y.yaml(report: "chat_4", source: ["params: { include_attachments: 1 }"]))
        #expect(asked.source.params == ["include_attachments": ["1"]])
    }

    @Test func unknownParametersAndReportsWithoutParametersAreProblems() {
        #expect(Y.problems(Y.yaml(report: "skill_1", source: ["params: { skil_id: 3 }"])) == [
            "pipeline.yaml:9:11: source.params.skill_id: missing; skill_1 requires it (a skill id, `all` where the report accepts it, or a list (one call per value)), e.g. params: { skill_id: all }",
            "pipeline.yaml:9:13: source.params.skil_id: unknown key; did you mean 'skill_id'? allowed: skill_id",
        ])
        #expect(Y.problems(Y.yaml(source: ["params: { skill_id: 3 }"])) == [
            "pipeline.yaml:9:11: source.params: cdr_1 takes no parameters; remove source.params",
        ])
        #expect(Y.problems(Y.yaml(report: "skill_1", source: ["params: { skill_id: [3, 3] }"])) == [
            "pipeline.yaml:9:23: source.params.skill_id: lists a value twice; each value is one call",
        ])
    }

    @Test func everyReportOfTheCatalogIsAcceptedByItsName() throws {
        let pipeline = try Y.parse(Y.yaml(report: "agent_1"))
        #expect(pipeline.source.report.name == "agent_1")
    }
}
