import Hummingbird
import WolkvoxAPI

/// Turns a request into the API's answer: auth, the per-token gate, the quota and injected
/// refusals, the rules, then the body (which may carry a body fault).
extension MockServer {
    func respond(to request: Request) async -> Response {
        let query = request.uri.queryParameters
        let lookup: (String) -> String? = { name in query[Substring(name)].map(String.init) }
        let number = state.recordRequest(report: lookup("api"))

        let token = request.headers.first { $0.name.canonicalName == "wolkvox-token" }?.value
        if let refusal = MockRules.authorize(token: token, expected: configuration.token) {
            return Self.response(refusal, slot: nil)
        }
        let path = request.uri.path
        guard MockRules.endpoint(path: path) != nil else {
            return Self.page(status: 404, html: MockRules.notFoundPage, retryAfter: nil, slot: nil)
        }
        let faults = configuration.faults
        guard let slot = state.acquire(limit: configuration.maxConcurrentPerToken) else {
            return Self.response(MockRules.busy(limit: configuration.maxConcurrentPerToken), retryAfter: faults.retryAfterSeconds, slot: nil)
        }
        let plan = FaultPlan(request: number, faults: faults)
        if plan.stall == .beforeHead {
            state.recordFault(.slow)
            try? await Task.sleep(for: faults.slowDelay)
        }
        if configuration.responseDelay > .zero {
            try? await Task.sleep(for: configuration.responseDelay)
        }
        if state.quotaSpent(limit: faults.quotaAfterCalls, counting: plan.refusal == nil) {
            state.recordFault(.quotaExceeded)
            return Self.response(MockRules.quotaSpent, slot: slot)
        }
        if let refusal = plan.refusal {
            return refuse(refusal, slot: slot)
        }
        let answer = MockRules.answer(
            path: path, query: lookup, maxDaysPerQuery: configuration.maxDaysPerQuery, now: configuration.now,
            disabled: configuration.disabledReports)
        switch answer {
        case nil, .error:
            guard case .error(let status, let body) = answer else { preconditionFailure("the path was checked above") }
            if plan.stall == .midBody {  // nothing to stall in: stall before the head instead
                state.recordFault(.slow)
                try? await Task.sleep(for: faults.slowDelay)
            }
            return Self.response(.error(status: status, body: body), slot: slot)
        case .records(let report, let window):
            if faults.failingQueries.contains(where: { $0.matches(window: window, query: lookup) }) {
                return refuse(.serverError, slot: slot)
            }
            var params: [String: String] = [:]
            for parameter in report.parameters {
                if let value = lookup(parameter.name) { params[parameter.name] = value }
            }
            return await records(report: report, window: window, slot: slot, plan: plan, params: params)
        }
    }

    /// An injected refusal, counted.
    private func refuse(_ refusal: FaultPlan.Refusal, slot: MockState.Slot) -> Response {
        let retryAfter = configuration.faults.retryAfterSeconds
        switch refusal {
        case .maintenance:
            state.recordFault(.maintenance)
            switch configuration.faults.maintenancePage {
            case .html: return Self.page(status: 403, html: MockRules.maintenancePage, retryAfter: retryAfter, slot: slot)
            case .json: return Self.response(MockRules.maintenanceJSON, retryAfter: retryAfter, slot: slot)
            }
        case .busy:
            state.recordFault(.busy)
            return Self.response(MockRules.busy(limit: configuration.maxConcurrentPerToken), retryAfter: retryAfter, slot: slot)
        case .serverError:
            state.recordFault(.serverError)
            return Self.page(status: 500, html: MockRules.serverErrorPage, retryAfter: retryAfter, slot: slot)
        }
    }

    /// A small JSON answer; frees `slot` once written.
    static func response(_ answer: MockRules.Answer, retryAfter: Int? = nil, slot: MockState.Slot?) -> Response {
        guard case .error(let status, let text) = answer else { preconditionFailure("not an error answer") }
        return small(status: status, contentType: "application/json; charset=utf-8", text: text, retryAfter: retryAfter, slot: slot)
    }

    /// An HTML page, as the web server in front of the API serves it; frees `slot` once written.
    static func page(status: Int, html: String, retryAfter: Int?, slot: MockState.Slot?) -> Response {
        small(status: status, contentType: "text/html; charset=UTF-8", text: html, retryAfter: retryAfter, slot: slot)
    }

    private static func small(status: Int, contentType: String, text: String, retryAfter: Int?, slot: MockState.Slot?) -> Response {
        let body = ResponseBody { writer in
            try await writer.write(ByteBuffer(string: text))
            slot?.release()
            try await writer.finish(nil)
        }
        var headers: HTTPFields = [.contentType: contentType]
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        return Response(status: HTTPResponse.Status(code: status), headers: headers, body: body)
    }
}
