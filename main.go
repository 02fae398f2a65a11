// Command planview is a terminal browser for Chinese local-government
// development plans. Run it with no arguments to read the plans it ships with.
package main

import (
	"os"

	"planview/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr))
}
