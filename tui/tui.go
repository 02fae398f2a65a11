// Package tui is planview's terminal browser.
package tui

import (
	"fmt"

	"planview/model"
)

// Run opens the browser on plans and returns when the user quits.
func Run(plans []*model.Plan) error {
	return fmt.Errorf("tui: not yet built (%d plans loaded)", len(plans))
}
