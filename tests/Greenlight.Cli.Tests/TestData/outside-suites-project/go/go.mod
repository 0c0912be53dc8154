module example.com/itemsuite

go 1.19
