<?php
const INVOICE_DIR = '/srv/billing/invoices';

$name = $_GET['invoice'] ?? '';
$path = realpath(INVOICE_DIR . '/' . $name);
if ($path === false || !str_starts_with($path, INVOICE_DIR . '/')) {
    http_response_code(403);
    exit;
}
$pdf = file_get_contents($path);
if ($pdf === false) {
    http_response_code(404);
    exit;
}
header('Content-Type: application/pdf');
echo $pdf;
