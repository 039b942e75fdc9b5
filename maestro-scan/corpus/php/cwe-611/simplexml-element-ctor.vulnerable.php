<?php
$raw = $_POST['xml'] ?? '<config/>';
$config = new SimpleXMLElement($raw, LIBXML_NOENT);
$settings = [];
foreach ($config->setting as $setting) {
    $settings[(string) $setting['name']] = (string) $setting;
}
echo json_encode($settings);
