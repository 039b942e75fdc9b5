<?php
$field = $_GET['sort'] ?? 'name';
$rows = json_decode(file_get_contents(__DIR__ . '/staff.json'), true);
$compare = create_function('$a, $b', 'return strcmp($a["' . $field . '"], $b["' . $field . '"]);');
usort($rows, $compare);
echo json_encode($rows);
