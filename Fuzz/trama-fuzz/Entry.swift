import Foundation
import TramaFuzz

#if FUZZING
// libFuzzer's driver, started from this executable's own entry: SwiftPM links an executable
// with `main` pointing at `trama_fuzz_main`, so libFuzzer's `main` is not used (`bench/fuzz`
// builds with `-sanitize=fuzzer,address -D FUZZING`). The target is named by
// `TRAMA_FUZZ_TARGET`.
@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ test: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// The input callback, under the name libFuzzer's own `main` calls when the linker takes that.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    Selected.target.run(bytes.map { Data(bytes: $0, count: size) } ?? Data())
    return 0
}

@_cdecl("trama_fuzz_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    _ = Selected.target
    var count = argc
    var arguments = argv
    return runDriver(&count, &arguments, fuzzOneInput)
}

enum Selected {
    static let target: FuzzTarget = {
        let name = ProcessInfo.processInfo.environment["TRAMA_FUZZ_TARGET"] ?? ""
        guard let t = FuzzTarget(rawValue: name) else {
            FileHandle.standardError.write(Data("TRAMA_FUZZ_TARGET must be one of: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))\n".utf8))
            exit(2)
        }
        return t
    }()
}
#else
/// Without the fuzzer: `trama-fuzz TARGET FILE…` replays inputs through a target, e.g. a crash
/// libFuzzer saved, under the debugger.
@main
enum Replay {
    static func main() {
        let args = CommandLine.arguments.dropFirst()
        guard let name = args.first, let target = FuzzTarget(rawValue: name) else {
            print("usage: trama-fuzz TARGET FILE…   (targets: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")))")
            exit(2)
        }
        for path in args.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                print("cannot read \(path)")
                exit(1)
            }
            target.run(data)
            print("ok  \(path)")
        }
    }
}
#endif
