//go:build !unix

package state

import "testing"

const asNobodyEnv = "PLANVIEW_STATE_TEST_DIR"

func runAsNobody(t *testing.T, test string) { t.Skip("no user to run as") }
