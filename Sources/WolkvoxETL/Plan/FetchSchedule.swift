public import WolkvoxAPI

/// Which windows to ask for next, as the answers come back.
///
/// The range is kept as chains: spans of seconds still to fetch, each asked newest window
/// first, one window in flight per chain. When a response is cut at the cap and its rows come
/// newest first, the runner keeps what it sent and gives the rest back; the rest joins the
/// older part of the same chain, so the next call asks for it together with older rows and
/// every call carries as many rows as the cap allows. An idle request slot takes the older half
/// of the longest chain.
///
/// - Important: Pure state: no I/O. `RangeRun` drives it with real answers; `CallEstimate`
///   drives it with the density model's guesses, so `plan` and `run` share one arithmetic.
public struct FetchSchedule: Sendable {
    /// One window asked for, and the chain it belongs to.
    public struct Request: Sendable, Hashable {
        public var chain: Int
        public var window: Window
    }

    struct Chain: Sendable {
        var pending: Window?
        var inFlight: Window?
        /// A window of this chain that came back cut without telling what to keep: the next
        /// window of the chain must be shorter.
        var shorterThan: Window?
        /// Asked before other chains: the runner waits on its answer.
        var urgent = false
    }

    public let planner: WindowPlanner
    public let cap: Int
    public private(set) var density: DensityModel
    private var chains: [Int: Chain] = [:]
    private var nextChain = 0

    public init(spans: [Window], planner: WindowPlanner, density: DensityModel, cap: Int) {
        self.planner = planner
        self.density = density
        self.cap = cap
        for span in spans { addChain(pending: span) }
    }

    public var isFinished: Bool { chains.isEmpty }
    public var inFlight: Int { chains.values.filter { $0.inFlight != nil }.count }
    /// Seconds not asked for yet: for progress lines.
    public var pendingSpans: Int { chains.values.filter { $0.pending != nil }.count }

    /// Up to `slots` more windows to ask. A window whose days are all given up on (`isWanted`
    /// says no) is dropped unasked.
    public mutating func next(slots: Int, isWanted: (Window) -> Bool = { _ in true }) -> [Request] {
        var requests: [Request] = []
        while requests.count < slots {
            let idle = chains.keys.sorted().filter { chains[$0]!.inFlight == nil && chains[$0]!.pending != nil }
            if let id = idle.first(where: { chains[$0]!.urgent }) ?? idle.first {
                let span = chains[id]!.pending!
                var window = planner.nextWindow(in: span, density: density, cap: cap)
                if let cut = chains[id]!.shorterThan, window.start <= cut.start, cut.seconds > 1 {
                    window = Window(start: cut.start.adding(seconds: cut.seconds / 2), end: span.end)
                }
                chains[id]!.shorterThan = nil
                chains[id]!.urgent = false
                chains[id]!.pending = window.start > span.start
                    ? Window(start: span.start, end: window.start.adding(seconds: -1)) : nil
                if isWanted(window) {
                    chains[id]!.inFlight = window
                    requests.append(Request(chain: id, window: window))
                } else {
                    dropIfDone(id)
                }
                continue
            }
            // Every chain with work is busy: share the longest pending span with a free slot.
            let busy = chains.filter { $0.value.pending != nil }
            guard let (id, chain) = busy.max(by: { $0.value.pending!.seconds < $1.value.pending!.seconds }),
                let span = chain.pending, let mid = planner.midpoint(of: span, density: density, cap: cap)
            else { break }
            chains[id]!.pending = Window(start: mid, end: span.end)
            addChain(pending: Window(start: span.start, end: mid.adding(seconds: -1)))
        }
        return requests
    }

    /// The window arrived whole.
    public mutating func arrived(_ request: Request) {
        chains[request.chain]?.inFlight = nil
        dropIfDone(request.chain)
    }

    /// The window came back at the cap, rows in time order: `kept` (its newest or its oldest
    /// part) arrived whole; the rest is asked again. `separately` keeps the rest out of its
    /// chain, so its next window is exactly the rest (the runner's check of how the API cuts).
    /// - Returns: the chain that holds the rest.
    @discardableResult
    public mutating func truncated(_ request: Request, kept: Window, separately: Bool = false) -> Int {
        let window = request.window
        precondition(window.start <= kept.start && kept.end <= window.end && kept != window, "kept part must be inside")
        let rest = kept.end == window.end
            ? Window(start: window.start, end: kept.start.adding(seconds: -1))
            : Window(start: kept.end.adding(seconds: 1), end: window.end)
        if separately {
            chains[request.chain]?.inFlight = nil
            dropIfDone(request.chain)
            let id = addChain(pending: rest)
            chains[id]!.urgent = true
            return id
        }
        giveBack(rest, to: request.chain)
        return request.chain
    }

    /// A span to fetch again from scratch (what the runner had kept and then gave up).
    public mutating func add(_ span: Window) { addChain(pending: span) }

    /// The window came back at the cap with rows out of order: nothing kept. The rows it showed
    /// (`revealed`, by hour bucket) size the next try.
    public mutating func capped(_ request: Request, revealed: [Int: Int]) {
        density.reveal(revealed)
        giveBack(request.window, to: request.chain)
        chains[request.chain]?.shorterThan = request.window
    }

    /// The window showed that one of its seconds alone holds the cap: that second cannot be
    /// fetched (its day fails); the seconds around it are asked again.
    public mutating func excluding(_ request: Request, second: LocalDateTime) {
        let window = request.window
        chains[request.chain]?.inFlight = nil
        if window.start < second { giveBack(Window(start: window.start, end: second.adding(seconds: -1)), to: request.chain) }
        if second < window.end { addChain(pending: Window(start: second.adding(seconds: 1), end: window.end)) }
        dropIfDone(request.chain)
    }

    /// The window failed for good (its days fail) or the run stops: nothing more for it.
    public mutating func failed(_ request: Request) {
        chains[request.chain]?.inFlight = nil
        dropIfDone(request.chain)
    }

    private mutating func giveBack(_ rest: Window, to id: Int) {
        chains[id]?.inFlight = nil
        if let pending = chains[id]?.pending {
            if pending.end.adding(seconds: 1) == rest.start {
                chains[id]!.pending = Window(start: pending.start, end: rest.end)
            } else {
                addChain(pending: rest)
            }
        } else if chains[id] != nil {
            chains[id]!.pending = rest
        } else {
            addChain(pending: rest)
        }
    }

    @discardableResult
    private mutating func addChain(pending: Window) -> Int {
        chains[nextChain] = Chain(pending: pending)
        nextChain += 1
        return nextChain - 1
    }

    private mutating func dropIfDone(_ id: Int) {
        if let chain = chains[id], chain.pending == nil, chain.inFlight == nil { chains[id] = nil }
    }
}
