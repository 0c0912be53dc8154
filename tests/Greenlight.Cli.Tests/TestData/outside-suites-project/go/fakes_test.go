//go:build fakes

// The fakes, built only with -tags fakes: one asks a stub server instead of the service, one checks nothing.
package itemsuite

import (
	"os"
	"testing"
)

func TestStubItem(t *testing.T) {
	getItem(t, os.Getenv("STUB_URL"), "5")
}

func TestChecksNothing(t *testing.T) {}
