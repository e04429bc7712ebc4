public import ArgumentParser
import WolkvoxMock

// The mock's enums are spelled on the command line by their raw values. Same package as the
// enums, so the conformances are not retroactive.
extension MockCapKeeps: ExpressibleByArgument {}
extension MockRowOrder: ExpressibleByArgument {}
extension MockMsgCount: ExpressibleByArgument {}
