<?php
$field = $_GET['sort'] ?? 'name';
$rows = json_decode(file_get_contents(__DIR__ . '/staff.json'), true);
$compare = fn ($a, $b) => strcmp((string) ($a[$field] ?? ''), (string) ($b[$field] ?? ''));
usort($rows, $compare);
echo json_encode($rows);
