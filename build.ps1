#!/usr/bin/env pwsh
<#
.SYNOPSIS
  Restore, build and test CaseManagement; or publish the service.
.EXAMPLE
  dotnet tool restore; dotnet pwsh ./build.ps1
  dotnet pwsh ./build.ps1 -Target Publish -Output ./publish
#>
[CmdletBinding()]
param(
    [ValidateSet('Default', 'Restore', 'Build', 'Test', 'Publish')]
    [string] $Target = 'Default',
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',
    [string] $Output = (Join-Path $PSScriptRoot 'publish')
)

$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'

function Invoke-Step([string] $Name, [scriptblock] $Command) {
    Write-Host "==> $Name" -ForegroundColor Cyan
    & $Command
    if ($LASTEXITCODE -ne 0) { throw "$Name failed with exit code $LASTEXITCODE" }
}

function Restore { Invoke-Step 'restore' { dotnet restore CaseManagement.sln } }
function Build { Invoke-Step 'build' { dotnet build CaseManagement.sln --no-restore -c $Configuration } }
function Test { Invoke-Step 'test' { dotnet test CaseManagement.sln --no-build -c $Configuration } }
function Publish {
    Invoke-Step 'publish' { dotnet publish src/CaseManagement.Api/CaseManagement.Api.csproj -c Release -o $Output }
    Write-Host "Published to $Output; run it with: dotnet $(Join-Path $Output 'CaseManagement.Api.dll')"
}

switch ($Target) {
    'Restore' { Restore }
    'Build' { Restore; Build }
    'Test' { Restore; Build; Test }
    'Publish' { Restore; Publish }
    default { Restore; Build; Test }
}
