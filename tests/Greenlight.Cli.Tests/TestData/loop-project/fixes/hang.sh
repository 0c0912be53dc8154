#!/bin/sh
# Hangs with a child process of its own; Greenlight must kill the whole tree at the timeout.
sleep 300 &
echo $! > "$GREENLIGHT_RUN_DIR/hang-child.pid"
sed -i '/^FAULT=/d' service.env
wait
