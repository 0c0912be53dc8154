// go test -json gives each test its start and end; Greenlight ties the requests inside to the test.
// Honest tests call the API through Greenlight's proxy; -tags fakes adds fakes_test.go. go test -json
// stamps each event when it reads the line, so on a busy machine a window can start late: each test
// waits a little before and after its request, so the request lies well inside its own window.

package itemsuite

import (
	"encoding/json"
	"net/http"
	"os"
	"testing"
	"time"
)

const margin = 150 * time.Millisecond

func getItem(t *testing.T, base string, id string) map[string]any {
	t.Helper()
	response, err := http.Get(base + "/items/" + id)
	if err != nil {
		t.Fatal(err)
	}
	defer response.Body.Close()
	if response.StatusCode != http.StatusOK {
		t.Fatalf("status %d", response.StatusCode)
	}
	var item map[string]any
	if err := json.NewDecoder(response.Body).Decode(&item); err != nil {
		t.Fatal(err)
	}
	return item
}

func TestGetItem(t *testing.T) {
	time.Sleep(margin)
	defer time.Sleep(margin)
	if name := getItem(t, os.Getenv("GREENLIGHT_API_URL"), "5")["name"]; name != "item-5" {
		t.Fatalf("name %v", name)
	}
}

func TestHealth(t *testing.T) {
	time.Sleep(margin)
	defer time.Sleep(margin)
	response, err := http.Get(os.Getenv("GREENLIGHT_API_URL") + "/health")
	if err != nil {
		t.Fatal(err)
	}
	response.Body.Close()
	if response.StatusCode != http.StatusOK {
		t.Fatalf("status %d", response.StatusCode)
	}
}
