package fetch

import (
	"fmt"
	"net"
	"net/netip"
	"syscall"
)

// nonPublic lists ranges the netip predicates do not cover but which are
// never a publisher's web server: shared address space (carrier NAT),
// IETF protocol assignments, benchmarking, reserved and broadcast.
var nonPublic = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("100.64.0.0/10"),
	netip.MustParsePrefix("192.0.0.0/24"),
	netip.MustParsePrefix("198.18.0.0/15"),
	netip.MustParsePrefix("240.0.0.0/4"),
	netip.MustParsePrefix("64:ff9b:1::/48"),
}

// isPublic reports whether ip may be dialled without AllowPrivateNetworks.
func isPublic(ip netip.Addr) bool {
	ip = ip.Unmap()
	if !ip.IsValid() || ip.IsLoopback() || ip.IsPrivate() || ip.IsUnspecified() ||
		ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() ||
		ip.IsInterfaceLocalMulticast() || ip.IsMulticast() {
		return false
	}
	for _, p := range nonPublic {
		if p.Contains(ip) {
			return false
		}
	}
	return true
}

// GuardDial is a net.Dialer Control function that refuses non-public
// addresses. It runs after DNS resolution, on the very address about to be
// connected, so a name that rebinds between checks cannot slip through as
// it could with a check made before the request. Every client that talks
// to the outside web on a publisher's say-so (feeds, pages, WebSub hubs)
// dials through it unless private networks are allowed.
func GuardDial(network, address string, _ syscall.RawConn) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return fmt.Errorf("check address %q: %w", address, err)
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return fmt.Errorf("check address %q: %w", address, err)
	}
	if !isPublic(ip) {
		return &privateNetworkError{addr: ip.Unmap().String()}
	}
	return nil
}
