// Package proc holds what the benchmark programs share for running a
// process beside them and reading its figures from /proc: a free loopback
// address, waiting for a server to answer, and a process's status lines;
// and for profiling their own process (StartCPUProfile). It is for bench/
// programs only.
package proc

import (
	"fmt"
	"net"
	"net/http"
	"os"
	"runtime/pprof"
	"strings"
	"time"
)

// FreeAddr returns a loopback address no one listens on right now.
func FreeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// WaitHealthy polls url until it answers 200 or timeout passes.
func WaitHealthy(url string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if resp, err := http.Get(url); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(200 * time.Millisecond)
	}
	return fmt.Errorf("server at %s did not become healthy within %s", url, timeout)
}

// Status returns the value of one line of /proc/PID/status, such as
// "VmHWM:" (peak resident memory), or "unknown" and why.
func Status(pid int, key string) string {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return "unknown (" + err.Error() + ")"
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, key); ok {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}

// StartCPUProfile writes a CPU profile of this process into path until the
// returned stop is called: the programs' -cpuprofile flags.
func StartCPUProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}
