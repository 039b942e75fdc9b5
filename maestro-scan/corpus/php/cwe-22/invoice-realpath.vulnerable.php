<?php
const INVOICE_DIR = '/srv/billing/invoices';

$name = $_GET['invoice'] ?? '';
$path = INVOICE_DIR . '/' . $name;
$pdf = file_get_contents($path);
if ($pdf === false) {
    http_response_code(404);
    exit;
}
header('Content-Type: application/pdf');
echo $pdf;
