//go:build !unix

package sqlite

import (
	"fmt"
	"os"
)

// tryLockFile opens path as the lock file. Without flock, nothing keeps a
// second process from writing the index too: on such systems run one
// newsdesk process per database.
func tryLockFile(path string) (f *os.File, locked bool, err error) {
	f, err = os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, false, fmt.Errorf("lock %s: %w", path, err)
	}
	return f, true, nil
}
