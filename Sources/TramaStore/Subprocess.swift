import Foundation

#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Runs a helper program (initdb, pg_ctl, runuser, useradd) to completion.
///
/// Foundation's `Process.waitUntilExit()` waits on a run loop for a SIGCHLD notification; under
/// the test runner's dispatch threads that notification can be lost, leaving the child a zombie
/// and the caller blocked for ever. Spawning with `posix_spawnp` and reaping with `waitpid`
/// has no such dependency.
///
/// Output goes to a temporary file, not a pipe: `pg_ctl start` leaves a server running that
/// inherits the descriptor, and reading a pipe to EOF would wait for the server to exit.
package enum Subprocess {
    package struct Outcome: Sendable {
        package var status: Int32
        package var output: String
    }

    package static func run(_ program: String, _ args: [String]) throws -> Outcome {
        let outPath = NSTemporaryDirectory() + "trama-cmd-\(UUID().uuidString).log"
        let fd = open(outPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw StoreError.clusterCommandFailed(command: program, status: errno, output: "cannot create \(outPath): \(String(cString: strerror(errno)))")
        }
        defer {
            close(fd)
            unlink(outPath)
        }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, fd, 1)
        posix_spawn_file_actions_adddup2(&actions, fd, 2)

        let argv: [UnsafeMutablePointer<CChar>?] = ([program] + args).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, program, &actions, nil, argv, environ)
        guard rc == 0 else {
            throw StoreError.clusterCommandFailed(command: program, status: rc, output: "cannot start \(program): \(String(cString: strerror(rc)))")
        }
        var wstatus: Int32 = 0
        while waitpid(pid, &wstatus, 0) < 0 {
            guard errno == EINTR else {
                throw StoreError.clusterCommandFailed(command: program, status: errno, output: "waitpid: \(String(cString: strerror(errno)))")
            }
        }
        // WIFEXITED / WEXITSTATUS are macros Swift cannot import.
        let status: Int32 = (wstatus & 0x7f) == 0 ? (wstatus >> 8) & 0xff : 128 + (wstatus & 0x7f)
        let data = FileManager.default.contents(atPath: outPath) ?? Data()
        return Outcome(status: status, output: String(decoding: data, as: UTF8.self))
    }
}
